package org.tanyapustaka.catalog.imports;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;

/**
 * Reads MARCXML ({@code http://www.loc.gov/MARC21/slim}, or no namespace) one {@code <record>} at a time with
 * StAX, into marc4j records. Lenient about what a record contains (a field without a tag is skipped with a
 * warning), strict about the XML itself (the caller turns a well-formedness error into a failure).
 */
final class MarcXmlRecords {

    static final String MARCXML_NS = "http://www.loc.gov/MARC21/slim";
    private static final MarcFactory FACTORY = MarcFactory.newInstance();
    private static final String DEFAULT_LEADER = "00000nam a2200000 a 4500";

    private MarcXmlRecords() {
    }

    /** A record read from XML, with what was skipped, or why it cannot be used. */
    record Parsed(Record record, List<String> warnings, String problem) {
    }

    /** A StAX factory safe for untrusted input: no DTDs, no external entities. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Whether the element the reader is on starts a MARC record (MARCXML namespace or none). */
    static boolean isMarcRecord(XMLStreamReader xml) {
        String ns = xml.getNamespaceURI();
        return "record".equals(xml.getLocalName()) && (ns == null || ns.isEmpty() || MARCXML_NS.equals(ns));
    }

    /**
     * Reads the record whose start tag the reader is on, up to and including its end tag.
     *
     * @throws XMLStreamException when the XML is not well-formed
     */
    static Parsed read(XMLStreamReader xml) throws XMLStreamException {
        List<String> warnings = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        String type = xml.getAttributeValue(null, "type");
        if (type != null && type.indexOf(XmlControlCharacters.MARKER) >= 0) {
            markers.add("the record's type attribute");
        }
        String leaderText = null;
        List<ControlField> controlFields = new ArrayList<>();
        List<DataField> dataFields = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            switch (name) {
                case "leader" -> {
                    leaderText = text(xml);
                    if (hasMarker(leaderText)) {
                        markers.add("the leader");
                    }
                }
                case "controlfield" -> {
                    String tag = xml.getAttributeValue(null, "tag");
                    String data = text(xml);
                    if (hasMarker(tag) || hasMarker(data)) {
                        markers.add("controlfield " + (tag == null ? "" : tag.replace(XmlControlCharacters.MARKER, '?')));
                    } else if (tag == null || tag.isBlank()) {
                        warnings.add("a controlfield without a tag was skipped");
                    } else {
                        controlFields.add(FACTORY.newControlField(tag.strip(), data));
                    }
                }
                case "datafield" -> {
                    DataField field = readDataField(xml, warnings, markers);
                    if (field != null) {
                        dataFields.add(field);
                    }
                }
                default -> {
                    warnings.add("unexpected element <" + name + "> skipped");
                    skipElement(xml);
                }
            }
        }

        Record record = FACTORY.newRecord(leader(leaderText, warnings));
        if (type != null && !type.isBlank() && !type.equals("Bibliographic")) {
            if (type.equals("Authority") || type.equals("Holdings") || type.equals("Classification")
                    || type.equals("Community")) {
                record.getLeader().setTypeOfRecord(switch (type) {
                    case "Authority" -> 'z';
                    case "Holdings" -> 'u';
                    case "Classification" -> 'w';
                    default -> 'q';
                });
            } else {
                warnings.add("unknown record type '" + type + "' read as Bibliographic");
            }
        }
        controlFields.forEach(record::addVariableField);
        dataFields.forEach(record::addVariableField);
        if (!markers.isEmpty()) {
            return new Parsed(record, warnings,
                    "contains control characters that XML does not allow, in " + String.join(", ", markers));
        }
        return new Parsed(record, warnings, null);
    }

    private static DataField readDataField(XMLStreamReader xml, List<String> warnings, List<String> markers)
            throws XMLStreamException {
        String tag = xml.getAttributeValue(null, "tag");
        String ind1 = xml.getAttributeValue(null, "ind1");
        String ind2 = xml.getAttributeValue(null, "ind2");
        boolean marked = hasMarker(tag) || hasMarker(ind1) || hasMarker(ind2);
        String label = tag == null || tag.isBlank() ? "a datafield without a tag" : "datafield " + tag;
        DataField field = FACTORY.newDataField(tag == null ? "" : tag.strip(), indicator(ind1), indicator(ind2));
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if ("subfield".equals(xml.getLocalName())) {
                    String code = xml.getAttributeValue(null, "code");
                    String data = text(xml);
                    if (hasMarker(code) || hasMarker(data)) {
                        marked = true;
                    } else if (code == null || code.isBlank()) {
                        warnings.add("a subfield without a code in " + label + " was skipped");
                    } else {
                        field.addSubfield(FACTORY.newSubfield(code.charAt(0), data));
                    }
                } else {
                    warnings.add("unexpected element <" + xml.getLocalName() + "> in " + label + " skipped");
                    skipElement(xml);
                }
            }
        }
        if (marked) {
            markers.add(label);
            return null;
        }
        if (tag == null || tag.isBlank()) {
            warnings.add(label + " was skipped");
            return null;
        }
        return field;
    }

    private static org.marc4j.marc.Leader leader(String text, List<String> warnings) {
        if (text == null) {
            warnings.add("no leader; a default one was used");
            return FACTORY.newLeader(DEFAULT_LEADER);
        }
        String leader = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        if (leader.length() != 24) {
            warnings.add("leader has " + leader.length() + " characters instead of 24");
            leader = leader.length() > 24 ? leader.substring(0, 24) : (leader + DEFAULT_LEADER.substring(leader.length()));
        }
        try {
            return FACTORY.newLeader(leader);
        } catch (RuntimeException e) {
            warnings.add("leader '" + leader + "' is not valid; a default one was used");
            return FACTORY.newLeader(DEFAULT_LEADER);
        }
    }

    private static char indicator(String value) {
        return value == null || value.isEmpty() ? ' ' : value.charAt(0);
    }

    private static boolean hasMarker(String s) {
        return s != null && s.indexOf(XmlControlCharacters.MARKER) >= 0;
    }

    /** The text of the element the reader is on (nested elements are ignored), reading past its end tag. */
    static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1) {
                        text.append(xml.getText());
                    }
                }
                default -> {
                }
            }
        }
        return text.toString();
    }

    /** Skips the element the reader is on, including its end tag. */
    static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** "line 72, column 28: The element type ... must be terminated" from a StAX error, without class names. */
    static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int i = message.indexOf("Message: ");
        if (i >= 0) {
            message = message.substring(i + "Message: ".length());
        }
        message = message.strip();
        if (message.isEmpty()) {
            message = "unreadable XML";
        }
        if (e.getLocation() != null && e.getLocation().getLineNumber() > 0) {
            return "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": "
                    + message;
        }
        return message;
    }
}
