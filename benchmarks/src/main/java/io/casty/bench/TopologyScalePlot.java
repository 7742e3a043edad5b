package io.casty.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jspecify.annotations.Nullable;

/**
 * Draws {@code topology-scale} reports as one PNG: idle client CPU, decode time and view
 * heap against the number of allocated shards, one line per report and node count, on log
 * axes.
 *
 * @since 0.1.0
 */
final class TopologyScalePlot {

	private static final int PANEL_WIDTH = 620;

	private static final int PANEL_HEIGHT = 460;

	/** Values at or below zero cannot be drawn on a log axis; they are drawn here. */
	private static final double FLOOR = 0.001;

	private TopologyScalePlot() {
	}

	/**
	 * Writes the plot.
	 * @param reports the reports by label (e.g. {@code before}, {@code after}), in legend order
	 * @param png the file to write
	 * @throws IOException if the file cannot be written
	 */
	static void write(Map<String, Map<String, Object>> reports, Path png) throws IOException {
		System.setProperty("java.awt.headless", "true");
		JFreeChart[] charts = {
				chart(reports, "Idle client CPU (4 snapshots/s)", "% of a core", new String[] { "idle", "client_cpu_pct_of_core" }),
				chart(reports, "Decoding one snapshot", "ms", new String[] { "decode_ms" }),
				chart(reports, "Heap held by the topology view", "MB", new String[] { "heap", "view_bytes" }, 1e-6) };
		BufferedImage image = new BufferedImage(PANEL_WIDTH * charts.length, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			for (int i = 0; i < charts.length; i++) {
				charts[i].draw(graphics, new java.awt.geom.Rectangle2D.Double(i * PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT));
			}
		}
		finally {
			graphics.dispose();
		}
		ImageIO.write(image, "png", png.toFile());
	}

	private static JFreeChart chart(Map<String, Map<String, Object>> reports, String title, String unit, String[] path) {
		return chart(reports, title, unit, path, 1);
	}

	@SuppressWarnings("unchecked")
	private static JFreeChart chart(Map<String, Map<String, Object>> reports, String title, String unit, String[] path,
			double scale) {
		XYSeriesCollection data = new XYSeriesCollection();
		reports.forEach((label, report) -> {
			Map<Integer, XYSeries> byNodes = new TreeMap<>();
			for (Map<String, Object> cell : (List<Map<String, Object>>) report.get("cells")) {
				Object value = value(cell, path);
				if (!(value instanceof Number number)) {
					continue;
				}
				int nodes = ((Number) cell.get("nodes")).intValue();
				String name = (reports.size() > 1 ? label + ", " : "") + nodes + " nodes";
				byNodes.computeIfAbsent(nodes, (n) -> new XYSeries(name))
					.add(((Number) cell.get("allocations")).doubleValue(), Math.max(FLOOR, number.doubleValue() * scale));
			}
			byNodes.values().forEach(data::addSeries);
		});
		JFreeChart chart = ChartFactory.createXYLineChart(title, "allocated shards (types × shards)", unit, data,
				PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		LogAxis x = new LogAxis("allocated shards (types × shards)");
		LogAxis y = new LogAxis(unit);
		x.setBase(10);
		y.setBase(10);
		x.setSmallestValue(1);
		y.setSmallestValue(FLOOR);
		// one tick per decade, labelled with the value itself rather than 10^n
		x.setTickUnit(new NumberTickUnit(1));
		y.setTickUnit(new NumberTickUnit(1));
		x.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
		y.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
		plot.setDomainAxis(x);
		plot.setRangeAxis(y);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
		plot.setRenderer(renderer);
		chart.setBackgroundPaint(Color.WHITE);
		return chart;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object value(Map<String, Object> cell, String[] path) {
		Object value = cell;
		for (String key : path) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = ((Map<String, Object>) map).get(key);
		}
		return value;
	}

}
