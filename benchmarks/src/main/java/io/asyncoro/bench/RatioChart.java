package io.asyncoro.bench;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of the ratios, as SVG written by hand: one bar per ratio, a line at 1.0. Bars are
 * green where the library side is at least as good as the other (for "lower is better" metrics the ratio is
 * read inverted), red where it is worse.
 */
final class RatioChart {

    private static final int ROW = 22;
    private static final int LABEL_WIDTH = 430;
    private static final int BAR_WIDTH = 360;

    private final List<Report.Ratio> ratios;
    private final String title;

    RatioChart(List<Report.Ratio> ratios, String title) {
        this.ratios = ratios;
        this.title = title;
    }

    String svg() {
        double maxValue = 2.0;
        for (Report.Ratio r : ratios) {
            maxValue = Math.max(maxValue, Math.min(r.value(), 4.0));
        }
        int height = 60 + ratios.size() * ROW + 30;
        int width = LABEL_WIDTH + BAR_WIDTH + 80;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Ratios, ").append(escape(title))
                .append("</text>\n");
        s.append("<text x=\"10\" y=\"42\" fill=\"#555\">green: library side better or equal; red: worse. "
                + "Lower is better for CPU, heap and latency.</text>\n");
        int y = 60;
        for (Report.Ratio r : ratios) {
            double shown = Math.min(r.value(), maxValue);
            int w = (int) Math.round(shown / maxValue * BAR_WIDTH);
            boolean lowerBetter = !r.metric().equals(Sample.MSGS_PER_S) && !r.metric().equals(Sample.HANDSHAKES_PER_CORE_S);
            boolean good = lowerBetter ? r.value() <= 1.0 : r.value() >= 1.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LABEL_WIDTH - 8,
                    y + 14, escape(r.label() + " (" + r.metric() + ")")));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    LABEL_WIDTH, y + 3, Math.max(w, 1), ROW - 6, good ? "#4caf50" : "#e57373"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.3f</text>\n", LABEL_WIDTH + w + 5, y + 14,
                    r.value()));
            y += ROW;
        }
        int one = LABEL_WIDTH + (int) Math.round(1.0 / maxValue * BAR_WIDTH);
        s.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"55\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-dasharray=\"4,3\"/>\n", one, one, y + 4));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">1.0</text>\n", one, y + 18));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
