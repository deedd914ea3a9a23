package org.flamesaudit.scoring.djl;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Stock refusal sentences ("很抱歉，但我无法回答……", "作为AI助手，我不能……"). JADE's harmless answers nearly all
 * open with one, so heads trained on them alone learn "a refusal is harmless, anything else is harmful" and score a
 * helpful safe answer that does not refuse as harmful. Training also on each harmless answer with those sentences
 * removed (the explanation and advice that remain) teaches the heads the content, not the formula.
 */
final class RefusalPhrases {

    static final List<String> CUES = List.of("抱歉", "无法", "不能", "作为AI", "作为一个AI", "作为您的", "我不会",
            "AI助手", "语言模型");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?])");

    private RefusalPhrases() {
    }

    /** The text without its sentences that contain a refusal cue; empty when every sentence is one. */
    static String strip(String text) {
        StringBuilder kept = new StringBuilder();
        for (String sentence : SENTENCE_END.split(text)) {
            if (CUES.stream().noneMatch(sentence::contains)) {
                kept.append(sentence);
            }
        }
        return kept.toString().strip();
    }

    static String description() {
        return "each harmless answer is trained on a second time without its sentences that contain a stock refusal"
                + " cue " + CUES + ", so that the heads learn the content of a safe answer, not the refusal formula";
    }
}
