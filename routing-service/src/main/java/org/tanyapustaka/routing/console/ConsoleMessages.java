package org.tanyapustaka.routing.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the console pages: Indonesian by default ({@code messages/console_id.properties}), English by switch
 * ({@code messages/console_en.properties}). Templates use them as {@code {console:key}}.
 */
@MessageBundle(value = "console", locale = "id")
public interface ConsoleMessages {

    String app_title();

    String nav_label();

    String nav_desk();

    String nav_home();

    String nav_kb();

    String nav_audit();

    String nav_dashboard();

    String forbidden_title();

    String forbidden();

    String back_to_desk();

    String home_title();

    String home_answers(long active, long retired);

    String home_recent();

    String kb_title();

    String kb_intro();

    String kb_search();

    String kb_search_button();

    String kb_show_retired();

    String kb_new();

    String kb_none();

    String col_intent();

    String col_title();

    String col_status();

    String col_updated();

    String active();

    String retired();

    String in_use();

    String not_in_use();

    String edit_title();

    String new_title();

    String field_intent();

    String field_title();

    String field_answer_id();

    String field_answer_en();

    String field_examples();

    String field_active();

    String markup_hint();

    String save();

    String saved();

    String not_saved();

    String error_empty(String field);

    String error_too_long(String field, int length, int limit);

    String error_intent();

    String error_example_too_long(int length, int limit);

    String retire();

    String retire_confirm();

    String reactivate();

    String preview();

    String preview_id();

    String preview_en();

    String count(int length, int limit);

    String count_over(int length, int limit);

    String button_menu();

    String button_librarian_id();

    String button_librarian_en();

    String history();

    String version(int version);

    String current();

    String change_initial();

    String change_created();

    String change_edited();

    String change_retired();

    String change_reactivated();

    String change_restored();

    String change_deleted();

    String by();

    String before();

    String after();

    String restore();

    String restore_confirm();

    String restored();

    String try_title();

    String try_hint();

    String try_label();

    String try_button();

    String try_intent();

    String try_confidence(long percent);

    String try_language(String language);

    String try_answer();

    String try_no_answer();

    String try_handover();

    String try_catalog();

    String try_menu();

    String try_other();

    String try_spam();

    String try_open();

    String audit_title();

    String audit_intro();

    String audit_search();

    String audit_export();

    String audit_none();

    String col_when();

    String col_who();

    String col_action();

    String col_subject();

    String col_detail();

    String col_via();

    String switch_language();

    String switch_language_code();

    String sign_out();

    String skip();

    String nav_hours();

    String hours_title();

    String hours_week();

    String hours_closed_day();

    String hours_open_now();

    String hours_closed_now();

    String hours_week_note();

    String hours_closed();

    String hours_none();

    String hours_date();

    String hours_reason();

    String hours_add();

    String hours_remove();

    String hours_remove_confirm();

    String hours_past();

    String hours_calendar();

    String hours_calendar_hint();

    String hours_calendar_file();

    String hours_upload();

    String hours_told();

    String hours_bad_date();

    String hours_bad_reason();

    String hours_no_file();

    String hours_not_calendar(String name, String reason);

    String hours_imported(int added, int existing);
}
