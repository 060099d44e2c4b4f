package org.commonweal.engagement.committee;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents of a committee meeting (agenda, minutes, other) uploaded by staff: the type is checked from the file's
 * own bytes (PDF, Word .docx, plain text), the size is limited, a SHA-256 checksum is kept (and shown so a copy can be
 * verified; the same file twice on one meeting is refused), and a document shows on the public pages only once
 * published. Minutes are published only after the meeting's minutes are approved.
 */
@Service
public class MeetingDocuments {

    public static final List<String> KINDS = List.of("AGENDA", "MINUTES", "OTHER");
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    /** An allowed file type: extension, content type and a check of the bytes. */
    enum FileType {
        PDF("pdf", "application/pdf"),
        DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        TEXT("txt", "text/plain;charset=UTF-8");

        final String extension;
        final String contentType;

        FileType(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        boolean matches(byte[] b) {
            return switch (this) {
                case PDF -> startsWith(b, "%PDF-".getBytes(StandardCharsets.US_ASCII));
                case DOCX -> startsWith(b, new byte[] {'P', 'K', 3, 4});
                case TEXT -> isUtf8Text(b);
            };
        }

        static Optional<FileType> byName(String fileName) {
            String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            for (FileType t : values()) {
                if (lower.endsWith("." + t.extension)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** A document as listed: a link kept from before ({@code url}) or an uploaded file. */
    public record Document(
            long id,
            long meetingId,
            String kind,
            String title,
            String url,
            String fileName,
            String contentType,
            Long sizeBytes,
            String sha256,
            boolean published,
            Instant publishedAt,
            String uploadedBy,
            Instant uploadedAt) {

        /** Where the public (or staff) reader gets it. */
        public String href(boolean staff) {
            return url != null ? url : (staff ? "/engagement/documents/" : "/committees/documents/") + id;
        }
    }

    /** A stored file to send. */
    public record File(String fileName, String contentType, byte[] content, String sha256) {}

    /** Thrown with the problems by field name: form field → message key ({@code engagement.error.…}). */
    public static class Invalid extends IllegalArgumentException {
        private final Map<String, String> fields;

        Invalid(Map<String, String> fields) {
            super(fields.toString());
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    private static final String SELECT = """
            select id, meeting_id, kind, title, url, file_name, content_type, size_bytes, sha256, published,
                   published_at, uploaded_by, uploaded_at from engagement.meeting_document""";

    private final JdbcClient jdbc;
    private final CommitteeDirectory directory;
    private final AuditTrail audit;

    MeetingDocuments(JdbcClient jdbc, CommitteeDirectory directory, AuditTrail audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
    }

    public List<Document> all(long meetingId) {
        return jdbc.sql(SELECT + " where meeting_id = ? order by id")
                .param(meetingId)
                .query(MeetingDocuments::row)
                .list();
    }

    public List<Document> published(long meetingId) {
        return jdbc.sql(SELECT + " where meeting_id = ? and published order by id")
                .param(meetingId)
                .query(MeetingDocuments::row)
                .list();
    }

    public Optional<Document> find(long id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query(MeetingDocuments::row)
                .optional();
    }

    /** The file of an uploaded document; {@code publicOnly}: only if published on a public meeting page. */
    public Optional<File> file(long id, boolean publicOnly, LocalDate today) {
        return find(id).filter(d -> d.fileName() != null)
                .filter(d -> !publicOnly
                        || (d.published()
                                && directory
                                        .meeting(d.meetingId())
                                        .filter(m -> m.agendaPostedOn() != null
                                                && !m.agendaPostedOn().isAfter(today))
                                        .isPresent()))
                .map(d -> new File(
                        d.fileName(),
                        d.contentType(),
                        jdbc.sql("select content from engagement.meeting_document where id = ?")
                                .param(id)
                                .query(byte[].class)
                                .single(),
                        d.sha256()));
    }

    /** Stores an uploaded document (not yet published) or reports every problem by field. */
    @Transactional
    public long upload(long meetingId, String kind, String title, String fileName, byte[] content, String user) {
        directory.meeting(meetingId).orElseThrow(() -> new NoSuchElementException("meeting " + meetingId));
        Map<String, String> p = new LinkedHashMap<>();
        if (!KINDS.contains(kind)) {
            p.put("kind", "engagement.error.kind");
        }
        if (title == null || title.isBlank()) {
            p.put("title", "engagement.error.required");
        } else if (title.trim().length() > 200) {
            p.put("title", "engagement.error.tooLong");
        }
        Optional<FileType> type = FileType.byName(fileName);
        String sha = null;
        if (content == null || content.length == 0) {
            p.put("file", "engagement.error.fileEmpty");
        } else if (content.length > MAX_BYTES) {
            p.put("file", "engagement.error.fileTooLarge");
        } else if (type.isEmpty() || !type.get().matches(content)) {
            p.put("file", "engagement.error.fileType");
        } else {
            sha = sha256(content);
            if (jdbc.sql("select count(*) from engagement.meeting_document where meeting_id = ? and sha256 = ?")
                            .params(meetingId, sha)
                            .query(Long.class)
                            .single()
                    > 0) {
                p.put("file", "engagement.error.fileDuplicate");
            }
        }
        if (!p.isEmpty()) {
            throw new Invalid(p);
        }
        String safeName = fileName.replaceAll("^.*[/\\\\]", "").replaceAll("[^A-Za-z0-9._ -]", "_");
        long id = jdbc.sql("""
                insert into engagement.meeting_document (meeting_id, kind, title, file_name, content_type, size_bytes,
                    sha256, content, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now()) returning id""")
                .params(
                        meetingId,
                        kind,
                        title.trim(),
                        safeName,
                        type.get().contentType,
                        content.length,
                        sha,
                        content,
                        user)
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-meeting-document",
                String.valueOf(id),
                null,
                "committee records",
                kind + " for meeting " + meetingId + ", " + content.length + " bytes, sha256 " + sha));
        return id;
    }

    /** Publishes a document on the public meeting page, or takes it off. */
    @Transactional
    public Document setPublished(long id, boolean published) {
        Document d = find(id).orElseThrow(() -> new NoSuchElementException("document " + id));
        if (published && d.kind().equals("MINUTES")) {
            var meeting = directory.meeting(d.meetingId()).orElseThrow();
            if (meeting.minutesApprovedOn() == null) {
                throw new IllegalArgumentException("minutes are published only after the committee approves them");
            }
        }
        jdbc.sql("update engagement.meeting_document set published = ?, published_at = case when ? then now() end "
                        + "where id = ?")
                .params(published, published, id)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-meeting-document",
                String.valueOf(id),
                null,
                "committee records",
                published ? "published" : "unpublished"));
        return find(id).orElseThrow();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isUtf8Text(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Document row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var publishedAt = rs.getTimestamp(11);
        var uploadedAt = rs.getTimestamp(13);
        return new Document(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                (Long) rs.getObject(8),
                rs.getString(9),
                rs.getBoolean(10),
                publishedAt == null ? null : publishedAt.toInstant(),
                rs.getString(12),
                uploadedAt == null ? null : uploadedAt.toInstant());
    }
}
