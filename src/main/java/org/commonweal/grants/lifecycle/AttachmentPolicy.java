package org.commonweal.grants.lifecycle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Which files an application may carry: known document types, matching extension and content, at most 10 MB. */
public final class AttachmentPolicy {

    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private static final Map<String, String> TYPES = Map.of(
            "pdf", "application/pdf",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "csv", "text/csv",
            "png", "image/png",
            "jpg", "image/jpeg");

    public record Checked(String filename, String contentType, long size, String sha256) {}

    private AttachmentPolicy() {}

    /** Checks name, size and leading bytes and returns the stored content type and SHA-256 checksum. */
    public static Checked check(String filename, byte[] content) {
        String name =
                filename == null ? "" : filename.replaceAll("[\\\\/]", "_").trim();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if ("jpeg".equals(ext)) {
            ext = "jpg";
        }
        String type = TYPES.get(ext);
        if (type == null) {
            throw new GrantRuleViolation(
                    "'" + name + "': only PDF, Word (.docx), Excel (.xlsx), CSV, PNG and JPEG files are accepted.");
        }
        if (content == null || content.length == 0) {
            throw new GrantRuleViolation("'" + name + "' is empty.");
        }
        if (content.length > MAX_BYTES) {
            throw new GrantRuleViolation("'" + name + "' is larger than the 10 MB limit.");
        }
        if (!contentMatches(ext, content)) {
            throw new GrantRuleViolation("'" + name + "' does not contain what its name says (." + ext + ").");
        }
        return new Checked(name, type, content.length, sha256(content));
    }

    private static boolean contentMatches(String ext, byte[] c) {
        return switch (ext) {
            case "pdf" -> startsWith(c, '%', 'P', 'D', 'F');
            case "docx", "xlsx" -> startsWith(c, 'P', 'K', 3, 4);
            case "png" -> startsWith(c, 0x89, 'P', 'N', 'G');
            case "jpg" -> startsWith(c, 0xFF, 0xD8, 0xFF);
            default -> true;
        };
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
