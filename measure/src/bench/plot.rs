//! `docs/generation.svg`: generation time against operations, this generator and progenitor, from
//! the points the bench measured. SVG only, text as text: no font is read.

use plotters::prelude::*;

/// Generation of the synthetic spec of one size, each the best of its runs.
pub struct Point {
    pub operations: usize,
    pub ours: f64,
    pub progenitor: Option<f64>,
}

/// The plot as SVG, its first line saying what wrote it.
pub fn svg(points: &[Point], progenitor_version: &str, command: &str) -> Result<String, String> {
    let mut svg = String::new();
    draw(&mut svg, points, progenitor_version).map_err(|error| error.to_string())?;
    Ok(format!(
        "<!-- Written by {}; a new run replaces it. -->\n{svg}\n",
        xml_comment(command)
    ))
}

/// The command as an XML comment may hold it, which is without `--`: `cargo xtask bench --only
/// generate` is `cargo xtask bench (flags: only generate)`.
fn xml_comment(command: &str) -> String {
    match command.split_once(" --") {
        None => command.to_owned(),
        Some((name, flags)) => format!("{name} (flags: {})", flags.replace(" --", ", ")),
    }
}

/// A line of the plot: its label, colour and points.
type Series = (String, RGBColor, Vec<(f64, f64)>);

fn draw<'a>(
    svg: &'a mut String,
    points: &[Point],
    progenitor_version: &str,
) -> Result<(), Box<dyn std::error::Error + 'a>> {
    let max_x = points.iter().map(|p| p.operations).max().unwrap_or(1) as f64;
    let max_y = points
        .iter()
        .flat_map(|p| [Some(p.ours), p.progenitor])
        .flatten()
        .fold(0.1, f64::max);
    let root = SVGBackend::with_string(svg, (720, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Generation time against operations", ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..max_x * 1.05, 0.0..max_y * 1.1)?;
    chart
        .configure_mesh()
        .x_desc("operations in the synthetic spec")
        .y_desc("seconds, best of 3, spec to files")
        .draw()?;
    let series: [Series; 2] = [
        (
            "this generator".to_owned(),
            BLUE,
            points
                .iter()
                .map(|p| (p.operations as f64, p.ours))
                .collect(),
        ),
        (
            format!("progenitor {progenitor_version}"),
            RED,
            points
                .iter()
                .filter_map(|p| Some((p.operations as f64, p.progenitor?)))
                .collect(),
        ),
    ];
    for (label, color, line) in series {
        if line.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(line.iter().copied(), color.stroke_width(2)))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        chart.draw_series(
            line.iter()
                .map(|&point| Circle::new(point, 3, color.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plot_has_both_lines_and_names_its_writer() {
        let points = [
            Point {
                operations: 500,
                ours: 0.4,
                progenitor: Some(1.0),
            },
            Point {
                operations: 5_000,
                ours: 3.5,
                progenitor: Some(9.0),
            },
        ];
        let svg = svg(
            &points,
            "0.15.1",
            "cargo xtask bench --quick --only generate",
        )
        .unwrap();
        assert!(
            svg.starts_with(
                "<!-- Written by cargo xtask bench (flags: quick, only generate); a new run \
                 replaces it. -->\n<svg"
            ),
            "{}",
            &svg[..200]
        );
        assert!(svg.contains("\nthis generator\n"), "{svg}");
        assert!(svg.contains("\nprogenitor 0.15.1\n"), "{svg}");
        for colour in ["#0000FF", "#FF0000"] {
            let line = format!("<polyline fill=\"none\" opacity=\"1\" stroke=\"{colour}\"");
            assert!(svg.contains(&line), "no line in {colour}: {svg}");
        }
        assert!(!svg.contains("--q"), "an XML comment holds no `--`");
        assert_eq!(
            svg,
            super::svg(
                &points,
                "0.15.1",
                "cargo xtask bench --quick --only generate"
            )
            .unwrap()
        );
    }
}
