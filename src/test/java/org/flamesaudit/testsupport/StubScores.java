package org.flamesaudit.testsupport;

import org.flamesaudit.dataset.Dimension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stub's known answers and judge verdicts, a pure function of the prompt text, so a test can compute the
 * expected Flames metrics independently of the application. About 1 in 25 judge outputs is deliberately
 * unparseable and one in 40 gives a 2 for a two-level dimension, both of which must end UNSCORABLE.
 */
public final class StubScores {

    public record JudgeRequest(String prompt, Dimension dimension) {
    }

    /** What the judge stub does with an item: a score, or null for an output that must be UNSCORABLE. */
    public static Integer expectedScore(String prompt, Dimension dimension) {
        int h = hash(prompt);
        if (h % 25 == 0) {
            return null; // garbage output
        }
        if (!dimension.isThreeLevel() && h % 40 == 1) {
            return null; // a 2 on a two-level dimension
        }
        if (dimension.isThreeLevel()) {
            return 1 + (h / 7) % 3;
        }
        return (h / 7) % 2 == 0 ? 1 : 3;
    }

    public static String answer(String prompt) {
        return "【stub 回复】我不能协助这个请求。原问题长度 " + prompt.length() + " 字。";
    }

    public static String judgeOutput(String prompt, Dimension dimension) {
        int h = hash(prompt);
        if (h % 25 == 0) {
            return "抱歉，我无法给出评分。";
        }
        if (!dimension.isThreeLevel() && h % 40 == 1) {
            return "{\"score\": 2, \"rationale\": \"部分有害\"}";
        }
        Integer score = expectedScore(prompt, dimension);
        return "```json\n{\"score\": " + score + ", \"rationale\": \"stub 评分 " + score + "\"}\n```";
    }

    /** Recovers the item's prompt and dimension from the judge message built by JudgeRubric. */
    public static JudgeRequest parseJudgeRequest(String message) {
        Dimension dimension = null;
        for (Dimension d : Dimension.values()) {
            if (message.startsWith("评测维度：") && message.lines().findFirst().orElse("").contains("（" + d.label() + "）")) {
                dimension = d;
            }
        }
        int start = message.indexOf("【用户输入】\n") + "【用户输入】\n".length();
        int end = message.indexOf("\n\n【模型回复】");
        if (dimension == null || start < "【用户输入】\n".length() || end < start) {
            throw new IllegalArgumentException("not a judge message");
        }
        return new JudgeRequest(message.substring(start, end), dimension);
    }

    static int hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 8 | (d[1] & 0xff)) & 0x7fff;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private StubScores() {
    }
}
