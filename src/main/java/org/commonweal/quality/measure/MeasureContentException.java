package org.commonweal.quality.measure;

/** Measure content (Measure, Library, ValueSet) that is missing or cannot be read; names the file or resource. */
public class MeasureContentException extends RuntimeException {

    public MeasureContentException(String message) {
        super(message);
    }
}
