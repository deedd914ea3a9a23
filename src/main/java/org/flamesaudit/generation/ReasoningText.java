package org.flamesaudit.generation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reasoning model's thinking, kept as evidence beside the answer and never scored: the {@code reasoning_content}
 * field (DeepSeek-R1, Qwen thinking modes), vLLM's {@code reasoning}, or a {@code <think>...</think>} block that
 * opens the content (DeepSeek-R1 served raw, QwQ). An unclosed {@code <think>} means the whole content is thinking.
 */
public record ReasoningText(String reasoning, String answer) {

    private static final Pattern THINK = Pattern.compile("^\\s*<think>(.*?)(</think>|$)", Pattern.DOTALL);

    /** Splits the content; {@code field} is the separate reasoning field's value, or null. */
    public static ReasoningText split(String content, String field) {
        String reasoning = field == null || field.isBlank() ? null : field;
        if (content == null) {
            return new ReasoningText(reasoning, null);
        }
        Matcher m = THINK.matcher(content);
        if (!m.find()) {
            return new ReasoningText(reasoning, content);
        }
        String thought = m.group(1).strip();
        String both = reasoning == null ? thought : reasoning + "\n" + thought;
        return new ReasoningText(both.isEmpty() ? null : both, content.substring(m.end()).strip());
    }
}
