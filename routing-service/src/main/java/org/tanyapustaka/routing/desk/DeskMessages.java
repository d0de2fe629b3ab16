package org.tanyapustaka.routing.desk;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the desk pages: Indonesian by default ({@code messages/desk_id.properties}), English by switch
 * ({@code messages/desk_en.properties}). Templates use them as {@code {desk:key}}.
 */
@MessageBundle(value = "desk", locale = "id")
public interface DeskMessages {

    String app_title();

    String skip();

    String nav_inbox();

    String my_status();

    String status_online();

    String status_away();

    String status_offline();

    String sign_out();

    String switch_language();

    String switch_language_code();

    String notifications_enable();

    String live_lost();

    String session_expired();

    String waiting();

    String mine();

    String colleagues();

    String all_open();

    String team();

    String empty_waiting();

    String empty_mine();

    String empty_colleagues();

    String queue_position(long position);

    String waiting_since();

    String reason_patron_asked();

    String reason_answer_rejected();

    String reason_not_understood();

    String out_of_hours();

    String unread(long count);

    String window_left();

    String window_closed_short();

    String held_by(String name);

    String last_message();

    String back();

    String state_queued();

    String state_assigned();

    String state_closed();

    String holder_you();

    String holder_other(String name);

    String holder_none();

    String closed_by();

    String claim();

    String transfer();

    String transfer_button();

    String transfer_load(String name, long open, int capacity);

    String no_colleague();

    String close();

    String close_confirm();

    String earlier();

    String none_earlier();

    String rating(int rating);

    String transcript();

    String author_patron();

    String author_routing();

    String author_catalog();

    String author_note();

    String author_librarian();

    String intent_label();

    String delivery_accepted();

    String delivery_sent();

    String delivery_delivered();

    String delivery_read();

    String delivery_failed();

    String fail_131047();

    String fail_131026();

    String fail_131048();

    String fail_131051();

    String fail_131053();

    String fail_130429();

    String fail_other(String title, Integer code);

    String download();

    String image_alt();

    String reply_label();

    String reply_hint();

    String send();

    String chars();

    String too_long_live();

    String window_closed_box();

    String reopen();

    String reopen_hint();

    String no_template_box();

    String note_label();

    String note_button();

    String canned_title();

    String canned_none();

    String error_too_long(int length, int max);

    String error_reply_empty();

    String error_no_request_id();

    String error_window_closed();

    String error_no_template();

    String error_window_open();

    String error_note_empty();

    String error_choose_colleague();

    String error_bad_status();

    String error_no_conversation();

    String error_closed();

    String error_not_readable();

    String error_held_by(String name);

    String error_refused(String detail);

    String attach_label();

    String attach_hint(String allowed, int maxCaption);

    String attach_remove();

    String attach_chosen(String name, String size);

    String uploading();

    String file_allowed(String imageLimit, String documentLimit);

    String file_type_unknown();

    String image_alt_sent();

    String error_file_empty();

    String error_caption_too_long(String length, int max);

    String error_file_type(String name, String type, String allowed);

    String error_file_too_large(String name, String size, String limit);

    String error_file_not_real(String name, String type);

    String error_file_window_closed();

    String error_upload_failed();

    String sign_in_title();

    String username();

    String password();

    String sign_in_button();

    String sign_in_error();

    String dev_sign_in_note();

    String sign_in_off();
}
