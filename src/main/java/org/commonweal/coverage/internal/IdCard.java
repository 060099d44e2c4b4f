package org.commonweal.coverage.internal;

import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.PcpDirectory.PcpContact;
import org.commonweal.coverage.ProductLine;

/**
 * What the member ID card prints, front and back, as on a Medi-Cal managed care card: the plan (its name from the
 * plan identity), the product line and the plan's plain name (never the HD04 code), the member, the PCP with phone
 * and medical group, the pharmacy routing and the numbers of the back.
 *
 * @param productName the plan's name as members read it (coverage.plan.name, e.g. "Medi-Cal Direct"), else the
 *                    product line's
 * @param pcp         from the directory when it lists the PCP's NPI, else null
 */
record IdCard(
        MemberRecord member,
        EnrollmentSpan span,
        ProductLine productLine,
        String planName,
        String productName,
        CardNumbers numbers,
        PcpContact pcp) {

    /** A product line's configured card numbers ({@code id_card} plan configuration); any may be null. */
    record CardNumbers(
            String rxBin,
            String rxPcn,
            String rxGroup,
            String rxPhone,
            String behavioralPhone,
            String transportPhone,
            String ttyPhone) {

        static final CardNumbers NONE = new CardNumbers(null, null, null, null, null, null, null);

        public boolean hasPharmacy() {
            return rxBin != null;
        }
    }

    /** The PCP's name: the directory's when listed, else enrollment's. */
    public String pcpName() {
        return pcp != null ? pcp.name() : span == null ? null : span.pcpName();
    }

    /** See {@link #TAGLINES}. */
    public java.util.List<String[]> taglines() {
        return TAGLINES;
    }

    /**
     * Language assistance taglines in the county's threshold languages (the plan's required notice, short form):
     * each says, in its own language, that help in that language is free and to call member services.
     */
    static final java.util.List<String[]> TAGLINES = java.util.List.of(
            new String[] {"en", "ATTENTION: Free language help is available. Call"},
            new String[] {"es", "ATENCIÓN: Hay ayuda gratuita con el idioma. Llame al"},
            new String[] {"zh", "注意：我們提供免費的語言協助服務。請致電"},
            new String[] {"ko", "주의: 무료 언어 지원을 받을 수 있습니다. 전화:"},
            new String[] {"vi", "CHÚ Ý: Có hỗ trợ ngôn ngữ miễn phí. Gọi số"},
            new String[] {"tl", "PAUNAWA: May libreng tulong sa wika. Tumawag sa"},
            new String[] {"hy", "ՈՒՇԱԴՐՈՒԹՅՈՒՆ. Լեզվական անվճար օգնություն է տրամադրվում: Զանգահարեք"},
            new String[] {"ru", "ВНИМАНИЕ: Бесплатная языковая помощь. Звоните"},
            new String[] {"fa", "توجه: کمک زبانی رایگان در دسترس است. تماس بگیرید"},
            new String[] {"km", "ចំណាប់អារម្មណ៍៖ មានជំនួយភាសាដោយឥតគិតថ្លៃ។ ទូរសព្ទទៅ"},
            new String[] {"ar", "تنبيه: تتوفر مساعدة لغوية مجانية. اتصل بالرقم"});
}
