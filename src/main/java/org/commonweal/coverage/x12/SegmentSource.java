package org.commonweal.coverage.x12;

import java.io.Closeable;

/**
 * The segments of an X12 interchange, one at a time: {@link X12Tokenizer} (the 834 hot path) or {@link SegmentReader}
 * (StAEDI, elsewhere), which read the same input the same way.
 */
public interface SegmentSource extends Closeable {

    /** The next segment, or {@code null} at the end of the input. */
    Segment next() throws X12Exception;

    /** Segments read so far. */
    int position();
}
