/**
 * X12 reading and writing: the 834 import and its 999, 270/271, and the pieces other modules reuse for their own X12
 * (quality's 837): {@link org.commonweal.coverage.x12.X12Tokenizer}, {@link org.commonweal.coverage.x12.Segment}.
 * The binary COPY writer both imports use is {@link org.commonweal.platform.CopyBinary}.
 */
@org.springframework.modulith.NamedInterface("x12")
package org.commonweal.coverage.x12;
