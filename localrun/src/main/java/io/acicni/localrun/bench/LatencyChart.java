package io.acicni.localrun.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PNG of the pipeline's latency percentiles (p50, p99, p99.9, max; log scale) against the offered
 * rate, one point per churn step, with the Kafka floor's p99 and the targets as lines. Drawn with
 * java.awt (headless), no chart library.
 */
public final class LatencyChart {
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private LatencyChart() {
    }

    public static void write(PipelineReport report, Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);

        List<PipelineReport.Phase> steps = report.steps();
        double maxRate = 0;
        double minMs = 1e9;
        double maxMs = 0;
        for (PipelineReport.Phase s : steps) {
            maxRate = Math.max(maxRate, s.offeredRate());
            minMs = Math.min(minMs, Math.max(0.1, s.all().p50Ms()));
            maxMs = Math.max(maxMs, s.all().maxMs());
        }
        for (KafkaFloor.Result f : report.floor()) {
            minMs = Math.min(minMs, Math.max(0.1, f.latency().p50Ms()));
        }
        maxMs = Math.max(maxMs, 200);
        double logMin = Math.floor(Math.log10(Math.max(0.1, minMs)));
        double logMax = Math.ceil(Math.log10(maxMs));
        double xMax = niceCeil(Math.max(maxRate * 1.1, 100));
        Axis axis = new Axis(xMax, logMin, logMax);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        PipelineReport.Parameters p = report.parameters();
        g.drawString(String.format("Pod pipeline latency vs. churn rate (%d nodes, %d live pods, %d ep-writers)", p.nodes(),
                p.pods(), p.epWriterProcesses()), LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // grid and axes
        g.setStroke(new BasicStroke(1f));
        for (int e = (int) logMin; e <= (int) logMax; e++) {
            for (int m = 1; m < 10; m++) {
                double v = m * Math.pow(10, e);
                if (Math.log10(v) > logMax) {
                    break;
                }
                int y = axis.y(v);
                g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(236, 236, 236));
                g.drawLine(LEFT, y, W - RIGHT, y);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(label(v) + " ms", 8, y + 4);
                }
            }
        }
        for (int i = 0; i <= 5; i++) {
            double r = xMax * i / 5;
            int x = axis.x(r);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, TOP, x, H - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", r), x - 12, H - BOTTOM + 18);
        }
        g.drawString("offered rate, pod creates + deletes per second", LEFT + 150, H - 18);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);

        // target lines
        dashed(g, axis, 50, new Color(0, 140, 0), "target p99 50 ms");
        dashed(g, axis, p.p99LimitMs(), new Color(200, 120, 0), "find-max limit " + label(p.p99LimitMs()) + " ms");
        if (!report.floor().isEmpty()) {
            KafkaFloor.Result f = report.floor().get(report.floor().size() - 1);
            dashed(g, axis, Math.max(Math.pow(10, logMin), f.latency().p99Ms()), new Color(120, 120, 120),
                    "Kafka floor p99 (" + f.mode() + ", " + PipelineBenchmark.fmt(f.offeredRate()) + "/s)");
        }

        series(g, axis, steps, 0, new Color(31, 119, 180), "p50");
        series(g, axis, steps, 1, new Color(214, 39, 40), "p99");
        series(g, axis, steps, 2, new Color(148, 103, 189), "p99.9");
        series(g, axis, steps, 3, new Color(140, 86, 75), "max");
        g.dispose();
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private record Axis(double xMax, double logMin, double logMax) {
        int x(double rate) {
            return LEFT + (int) Math.round((W - LEFT - RIGHT) * rate / xMax);
        }

        int y(double ms) {
            double l = Math.log10(Math.max(ms, Math.pow(10, logMin)));
            return H - BOTTOM - (int) Math.round((H - TOP - BOTTOM) * (l - logMin) / (logMax - logMin));
        }
    }

    

    private static void series(Graphics2D g, Axis axis, List<PipelineReport.Phase> steps, int which, Color color, String name) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f));
        List<int[]> points = new ArrayList<>();
        for (PipelineReport.Phase s : steps) {
            LatencyStats.Summary a = s.all();
            double v = switch (which) {
                case 0 -> a.p50Ms();
                case 1 -> a.p99Ms();
                case 2 -> a.p999Ms();
                default -> a.maxMs();
            };
            points.add(new int[]{axis.x(s.offeredRate()), axis.y(v)});
        }
        for (int i = 1; i < points.size(); i++) {
            g.drawLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
        }
        for (int[] pt : points) {
            g.fillOval(pt[0] - 4, pt[1] - 4, 8, 8);
        }
        int ly = TOP + 10 + 20 * which;
        g.drawLine(W - RIGHT + 15, ly, W - RIGHT + 40, ly);
        g.fillOval(W - RIGHT + 24, ly - 4, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString(name, W - RIGHT + 48, ly + 4);
    }

    private static void dashed(Graphics2D g, Axis axis, double ms, Color color, String text) {
        int y = axis.y(ms);
        g.setColor(color);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 6f}, 0f));
        g.drawLine(LEFT, y, W - RIGHT, y);
        g.drawString(text, LEFT + 8, y - 5);
    }

    static String label(double v) {
        return v >= 1 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    static double niceCeil(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * e >= v) {
                return m * e;
            }
        }
        return 10 * e;
    }
}
