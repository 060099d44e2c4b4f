package org.commonweal.network.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbered page links under a result list: the first and last page, two either side of the current one, and
 * gaps between ({@code number} 0 marks a gap). Every link carries the whole search.
 */
record ResultPages(long total, int from, int to, List<Link> links, String previous, String next) {

    record Link(int number, String href, boolean current) {}

    static ResultPages of(DirectoryQuery q, long total) {
        int size = DirectoryQuery.PAGE_SIZE;
        int count = (int) Math.max(1, (total + size - 1) / size);
        int current = Math.min(q.page(), count - 1);
        List<Link> links = new ArrayList<>();
        int last = -1;
        for (int p = 0; p < count; p++) {
            if (p == 0 || p == count - 1 || Math.abs(p - current) <= 2) {
                if (last >= 0 && p > last + 1) {
                    links.add(new Link(0, null, false));
                }
                links.add(new Link(p + 1, href(q, p), p == q.page()));
                last = p;
            }
        }
        int from = total == 0 ? 0 : q.page() * size + 1;
        int to = (int) Math.min(total, (long) (q.page() + 1) * size);
        return new ResultPages(
                total,
                from,
                Math.max(from, to),
                count > 1 ? links : List.of(),
                q.page() > 0 ? href(q, q.page() - 1) : null,
                q.page() + 1 < count ? href(q, q.page() + 1) : null);
    }

    private static String href(DirectoryQuery q, int page) {
        return "/find-a-doctor?" + q.queryString(page);
    }
}
