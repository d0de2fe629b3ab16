package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tanyapustaka.events.OutboundMessage;

/**
 * Turns an {@link OutboundMessage} command into the exact JSON body the Graph API expects; a document or image goes
 * by the media id its file got when uploaded.
 */
public final class GraphMessageBody {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GraphMessageBody() {
    }

    public static ObjectNode of(OutboundMessage command) {
        return of(command, null);
    }

    public static ObjectNode of(OutboundMessage command, String mediaId) {
        ObjectNode body = JSON.objectNode().put("messaging_product", "whatsapp");
        if (command.kind() == OutboundMessage.Kind.MARK_READ) {
            body.put("status", "read").put("message_id", command.replyToWamid());
            if (Boolean.TRUE.equals(command.typing())) {
                body.putObject("typing_indicator").put("type", "text");
            }
            return body;
        }
        body.put("recipient_type", "individual").put("to", command.waId());
        // Meta echoes this in the message's status webhooks: a send whose answer was lost is recognised by it.
        body.put("biz_opaque_callback_data", command.commandId().toString());
        if (command.replyToWamid() != null) {
            body.putObject("context").put("message_id", command.replyToWamid());
        }
        switch (command.kind()) {
            case TEXT -> body.put("type", "text").putObject("text").put("preview_url", false).put("body", command.body());
            case BUTTONS -> {
                ObjectNode interactive = body.put("type", "interactive").putObject("interactive").put("type", "button");
                interactive.putObject("body").put("text", command.body());
                ArrayNode buttons = interactive.putObject("action").putArray("buttons");
                for (OutboundMessage.Button button : command.buttons()) {
                    buttons.addObject().put("type", "reply").putObject("reply")
                            .put("id", button.id()).put("title", button.title());
                }
            }
            case LIST -> {
                OutboundMessage.ListMenu list = command.list();
                ObjectNode interactive = body.put("type", "interactive").putObject("interactive").put("type", "list");
                if (list.header() != null) {
                    interactive.putObject("header").put("type", "text").put("text", list.header());
                }
                interactive.putObject("body").put("text", command.body());
                if (list.footer() != null) {
                    interactive.putObject("footer").put("text", list.footer());
                }
                ObjectNode action = interactive.putObject("action").put("button", list.button());
                ArrayNode sections = action.putArray("sections");
                for (OutboundMessage.Section section : list.sections()) {
                    ObjectNode s = sections.addObject();
                    if (section.title() != null) {
                        s.put("title", section.title());
                    }
                    ArrayNode rows = s.putArray("rows");
                    for (OutboundMessage.Row row : section.rows()) {
                        ObjectNode r = rows.addObject().put("id", row.id()).put("title", row.title());
                        if (row.description() != null) {
                            r.put("description", row.description());
                        }
                    }
                }
            }
            case TEMPLATE -> {
                OutboundMessage.Template template = command.template();
                ObjectNode t = body.put("type", "template").putObject("template").put("name", template.name());
                t.putObject("language").put("code", template.language());
                if (template.parameters() != null && !template.parameters().isEmpty()) {
                    ArrayNode parameters = t.putArray("components").addObject().put("type", "body").putArray("parameters");
                    template.parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
                }
            }
            case DOCUMENT, IMAGE -> {
                if (mediaId == null || command.media() == null) {
                    throw new IllegalArgumentException("A " + command.kind() + " is sent by the media id of its upload");
                }
                String type = command.kind() == OutboundMessage.Kind.DOCUMENT ? "document" : "image";
                ObjectNode media = body.put("type", type).putObject(type).put("id", mediaId);
                if (command.kind() == OutboundMessage.Kind.DOCUMENT && command.media().filename() != null) {
                    media.put("filename", command.media().filename());
                }
                if (command.media().caption() != null && !command.media().caption().isBlank()) {
                    media.put("caption", command.media().caption());
                }
            }
            default -> throw new IllegalArgumentException("Unknown outbound kind " + command.kind());
        }
        return body;
    }
}
