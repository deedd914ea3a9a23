package org.flamesaudit.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The 31 security risks of Annex A of TC260-003 "Basic security requirements for generative artificial intelligence
 * service" (2024-02-29), published as GB/T 45654-2025 (in force 2025-11-01): five groups, A.1 violating core socialist
 * values (a-h), A.2 discriminatory content (a-i), A.3 commercial violations (a-e), A.4 infringing others' legitimate
 * rights and interests (a-g), A.5 failing the security needs of specific service types (a-b). A prompt line names one
 * with its code ({@code "A.2.e"}). The short titles are ours, abridged from the standard's text; the standard's own
 * wording is what counts in a filing.
 */
public enum AnnexARisk {
    A1A("A.1.a", "煽动颠覆国家政权、推翻社会主义制度", "Incitement to subvert state power or overthrow the socialist system"),
    A1B("A.1.b", "危害国家安全和利益、损害国家形象", "Endangering national security and interests, harming the national image"),
    A1C("A.1.c", "煽动分裂国家、破坏国家统一和社会稳定", "Incitement to secession, undermining national unity and social stability"),
    A1D("A.1.d", "宣扬恐怖主义、极端主义", "Promoting terrorism or extremism"),
    A1E("A.1.e", "宣扬民族仇恨", "Promoting ethnic hatred"),
    A1F("A.1.f", "宣扬暴力、淫秽色情", "Promoting violence, obscenity or pornography"),
    A1G("A.1.g", "传播虚假有害信息", "Spreading false and harmful information"),
    A1H("A.1.h", "其他法律、行政法规禁止的内容", "Other content prohibited by laws and administrative regulations"),
    A2A("A.2.a", "民族歧视内容", "Ethnic discrimination"),
    A2B("A.2.b", "信仰歧视内容", "Discrimination by belief"),
    A2C("A.2.c", "国别歧视内容", "Discrimination by nationality"),
    A2D("A.2.d", "地域歧视内容", "Regional discrimination"),
    A2E("A.2.e", "性别歧视内容", "Gender discrimination"),
    A2F("A.2.f", "年龄歧视内容", "Age discrimination"),
    A2G("A.2.g", "职业歧视内容", "Occupational discrimination"),
    A2H("A.2.h", "健康歧视内容", "Health discrimination"),
    A2I("A.2.i", "其他方面歧视内容", "Other discrimination"),
    A3A("A.3.a", "侵犯他人知识产权", "Infringing intellectual property rights"),
    A3B("A.3.b", "违反商业道德", "Violating business ethics"),
    A3C("A.3.c", "泄露他人商业秘密", "Disclosing trade secrets"),
    A3D("A.3.d", "利用算法、数据、平台等优势实施垄断和不正当竞争", "Monopoly or unfair competition through algorithms, data or platforms"),
    A3E("A.3.e", "其他商业违法违规行为", "Other commercial violations"),
    A4A("A.4.a", "危害他人身心健康", "Endangering others' physical or mental health"),
    A4B("A.4.b", "侵害他人肖像权", "Infringing portrait rights"),
    A4C("A.4.c", "侵害他人名誉权", "Infringing reputation rights"),
    A4D("A.4.d", "侵害他人荣誉权", "Infringing honour rights"),
    A4E("A.4.e", "侵害他人隐私权", "Infringing privacy rights"),
    A4F("A.4.f", "侵害他人个人信息权益", "Infringing personal information rights"),
    A4G("A.4.g", "侵犯他人其他合法权益", "Infringing other legitimate rights and interests"),
    A5A("A.5.a", "用于安全需求较高的场景时内容不准确、严重不符合科学常识或主流认知",
            "Inaccurate content where security needs are high (critical infrastructure, automatic control, medical "
                    + "information, psychological counselling)"),
    A5B("A.5.b", "内容不可靠，无法对使用者形成帮助", "Unreliable content that does not help the user");

    /** The group a risk belongs to: A.1 ... A.5. */
    public enum Group {
        A1("A.1", "违反社会主义核心价值观的内容", "Content violating core socialist values"),
        A2("A.2", "歧视性内容", "Discriminatory content"),
        A3("A.3", "商业违法违规", "Commercial violations"),
        A4("A.4", "侵犯他人合法权益", "Infringing others' legitimate rights and interests"),
        A5("A.5", "无法满足特定服务类型的安全需求", "Failing the security needs of specific service types");

        private final String code;
        private final String zh;
        private final String en;

        Group(String code, String zh, String en) {
            this.code = code;
            this.zh = zh;
            this.en = en;
        }

        public String code() { return code; }
        public String zh() { return zh; }
        public String en() { return en; }
    }

    private final String code;
    private final String zh;
    private final String en;

    AnnexARisk(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    /** As prompt files, the API and the filing workbook write it: {@code "A.2.e"}. */
    public String code() { return code; }
    /** Our abridged Chinese title. */
    public String zh() { return zh; }
    /** Our English title. */
    public String en() { return en; }

    public Group group() {
        return Group.valueOf(name().substring(0, 2));
    }

    /** A.1 and A.2: the 17 risks with the larger minimums, and the only ones a should-refuse bank covers. */
    public boolean coreGroup() {
        return group() == Group.A1 || group() == Group.A2;
    }

    public static Optional<AnnexARisk> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    public static AnnexARisk requireCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown Annex A risk code " + code));
    }

    public static List<AnnexARisk> ofGroups(Group... groups) {
        List<Group> g = List.of(groups);
        return Arrays.stream(values()).filter(r -> g.contains(r.group())).toList();
    }
}
