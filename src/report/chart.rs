//! The report's chart as a PNG a phone shows well: 1080 px wide, one bar per topic (or set)
//! with the share answered right and the number of answers, the weakest first, and a line
//! where the class's overall share lies. Drawn in Rust with the font inside the binary
//! (Noto Sans, SIL Open Font License, `assets/fonts/`): a server has no fonts. Text is at
//! least 36 px high, as Telegram re-encodes photos as JPEG.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use tiny_skia::{Paint, Pixmap, Rect, Transform};

use super::Report;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

pub const WIDTH: u32 = 1080;
const MARGIN: f32 = 60.0;
const TITLE_PX: f32 = 52.0;
const TEXT_PX: f32 = 38.0;
/// Bars drawn at most (the weakest); the text names the rest.
pub const MAX_BARS: usize = 20;
/// Where the first bar's row begins.
const ROWS_TOP: f32 = 250.0;
/// One bar's row: its label line, the bar, the gap after it.
const LABEL_H: f32 = 52.0;
const BAR_H: f32 = 60.0;
const ROW_H: f32 = LABEL_H + BAR_H + 40.0;
const FOOTER_H: f32 = 40.0;
/// Room under the bars for the line saying how many more there are.
const MORE_H: f32 = 70.0;

const INK: [u8; 3] = [0x20, 0x24, 0x2a];
const MUTED: [u8; 3] = [0x5f, 0x66, 0x70];
const TRACK: [u8; 3] = [0xe6, 0xe8, 0xec];
const WEAK: [u8; 3] = [0xd6, 0x45, 0x3d];
const FAIR: [u8; 3] = [0xe8, 0x9b, 0x1c];
const GOOD: [u8; 3] = [0x2e, 0x9d, 0x5b];

/// Where one bar is drawn: its full track, and how much of it is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub filled: f32,
}

/// Where everything goes, from the report's numbers alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub bars: Vec<BarBox>,
    /// The x of the overall-share line.
    pub average_x: Option<f32>,
}

/// The chart's geometry for `report`.
pub fn layout(report: &Report) -> Layout {
    let track = WIDTH as f32 - 2.0 * MARGIN;
    let bars: Vec<BarBox> = report
        .bars
        .iter()
        .take(MAX_BARS)
        .enumerate()
        .map(|(i, b)| BarBox {
            x: MARGIN,
            y: ROWS_TOP + i as f32 * ROW_H + LABEL_H,
            width: track,
            height: BAR_H,
            filled: (b.right.clamp(0.0, 1.0) * f64::from(track)) as f32,
        })
        .collect();
    let rows = bars.len().max(1) as f32;
    let more = if report.bars.len() > MAX_BARS {
        MORE_H
    } else {
        0.0
    };
    Layout {
        width: WIDTH,
        height: (ROWS_TOP + rows * ROW_H + FOOTER_H + more) as u32,
        bars,
        average_x: report
            .overall
            .map(|o| MARGIN + (o.clamp(0.0, 1.0) * f64::from(track)) as f32),
    }
}

/// The colour of a bar: red under half right, orange under three quarters, green above.
fn colour(right: f64) -> [u8; 3] {
    if right < 0.5 {
        WEAK
    } else if right < 0.75 {
        FAIR
    } else {
        GOOD
    }
}

/// "62%", rounded.
pub fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}

/// The chart as PNG bytes; `None` only if the image could not be made.
pub fn render(report: &Report) -> Option<Vec<u8>> {
    let regular = FontRef::try_from_slice(REGULAR).ok()?;
    let bold = FontRef::try_from_slice(BOLD).ok()?;
    let layout = layout(report);
    let mut pixmap = Pixmap::new(layout.width, layout.height)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let right_edge = WIDTH as f32 - MARGIN;
    let title = format!("Hasil kuis: {}", report.subject);
    let title = fit(&bold, TITLE_PX, &title, right_edge - MARGIN);
    text(&mut pixmap, &bold, TITLE_PX, MARGIN, 90.0, &title, INK);
    let sub = format!(
        "Jawaban benar per topik · {} jawaban",
        crate::texts::quiz::number(u64::from(report.answers))
    );
    text(&mut pixmap, &regular, TEXT_PX, MARGIN, 150.0, &sub, MUTED);
    if let Some(o) = report.overall {
        let avg = format!("Garis hitam: rata-rata kelas {}", percent(o));
        text(&mut pixmap, &regular, TEXT_PX, MARGIN, 205.0, &avg, MUTED);
    }
    for (bar, b) in report.bars.iter().zip(&layout.bars) {
        let value = format!("{} · {} jawaban", percent(bar.right), bar.answers);
        let value_w = width(&bold, TEXT_PX, &value);
        let label = fit(
            &regular,
            TEXT_PX,
            &bar.label,
            right_edge - MARGIN - value_w - 30.0,
        );
        let baseline = b.y - 14.0;
        text(
            &mut pixmap,
            &regular,
            TEXT_PX,
            MARGIN,
            baseline,
            &label,
            INK,
        );
        let value_x = right_edge - value_w;
        text(&mut pixmap, &bold, TEXT_PX, value_x, baseline, &value, INK);
        rect(&mut pixmap, b.x, b.y, b.width, b.height, TRACK);
        rect(&mut pixmap, b.x, b.y, b.filled, b.height, colour(bar.right));
    }
    // The class's line crosses every bar, never a label.
    if let Some(x) = layout.average_x {
        for b in &layout.bars {
            rect(&mut pixmap, x - 3.0, b.y - 8.0, 6.0, b.height + 16.0, INK);
        }
    }
    if report.bars.len() > MAX_BARS {
        let more = format!("…dan {} lainnya", report.bars.len() - MAX_BARS);
        let y = layout.height as f32 - FOOTER_H - 10.0;
        text(&mut pixmap, &regular, TEXT_PX, MARGIN, y, &more, MUTED);
    }
    pixmap.encode_png().ok()
}

fn rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
    let Some(r) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut paint = Paint::default();
    paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    paint.anti_alias = false;
    pixmap.fill_rect(r, &paint, Transform::identity(), None);
}

/// The width `s` takes at `px`.
fn width(font: &FontRef<'_>, px: f32, s: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut w = 0.0;
    let mut prev = None;
    for c in s.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            w += scaled.kern(p, id);
        }
        w += scaled.h_advance(id);
        prev = Some(id);
    }
    w
}

/// `s`, cut with "…" to fit `max` pixels.
fn fit(font: &FontRef<'_>, px: f32, s: &str, max: f32) -> String {
    if width(font, px, s) <= max {
        return s.to_string();
    }
    let mut chars: Vec<char> = s.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if width(font, px, &cut) <= max {
            return cut;
        }
    }
    "…".into()
}

/// Draws `s` with its baseline at `baseline`, starting at `x`, over an opaque background.
fn text(
    pixmap: &mut Pixmap,
    font: &FontRef<'_>,
    px: f32,
    x: f32,
    baseline: f32,
    s: &str,
    rgb: [u8; 3],
) {
    let scale = PxScale::from(px);
    let scaled = font.as_scaled(scale);
    let (w, h) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    let mut caret = x;
    let mut prev = None;
    for c in s.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(scale, point(caret, baseline));
        caret += scaled.h_advance(id);
        prev = Some(id);
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i32 + gx as i32;
            let py = bounds.min.y as i32 + gy as i32;
            if px < 0 || py < 0 || px >= w || py >= h {
                return;
            }
            let i = ((py * w + px) * 4) as usize;
            let a = coverage.clamp(0.0, 1.0);
            for (k, channel) in rgb.iter().enumerate() {
                if let Some(old) = data.get_mut(i + k) {
                    *old = (f32::from(*old) * (1.0 - a) + f32::from(*channel) * a).round() as u8;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Bar;

    fn report() -> Report {
        Report {
            subject: "Kerja Sama Internasional".into(),
            bars: vec![
                Bar {
                    label: "tentang bentuk kerja sama".into(),
                    right: 0.25,
                    answers: 8,
                },
                Bar {
                    label: "tentang manfaat kerja sama yang sangat panjang sekali namanya".into(),
                    right: 0.9,
                    answers: 20,
                },
            ],
            overall: Some(0.75),
            answers: 28,
            hardest: Vec::new(),
            unpractised: Vec::new(),
            recent_players: 3,
            recent_rounds: 2,
            players: 5,
            unanswered: Vec::new(),
        }
    }

    fn pixel(pixmap: &Pixmap, x: u32, y: u32) -> [u8; 3] {
        let p = pixmap.pixel(x, y).expect("inside");
        [p.red(), p.green(), p.blue()]
    }

    #[test]
    fn the_bars_are_drawn_where_the_numbers_say() {
        let r = report();
        let png = render(&r).expect("rendered");
        let l = layout(&r);
        let png = Pixmap::decode_png(&png).expect("a PNG");
        assert_eq!((png.width(), png.height()), (l.width, l.height));
        assert_eq!(l.width, 1080);
        // The weakest bar (a quarter right) is red up to a quarter of its track, grey after.
        let weak = l.bars[0];
        assert_eq!(weak.filled, weak.width * 0.25);
        let mid_y = (weak.y + weak.height / 2.0) as u32;
        assert_eq!(
            pixel(&png, (weak.x + weak.filled - 10.0) as u32, mid_y),
            WEAK
        );
        assert_eq!(
            pixel(&png, (weak.x + weak.filled + 10.0) as u32, mid_y),
            TRACK
        );
        let good = l.bars[1];
        let mid_y = (good.y + good.height / 2.0) as u32;
        assert_eq!(
            pixel(&png, (good.x + good.filled - 10.0) as u32, mid_y),
            GOOD
        );
        // The class's line at three quarters, across the bars.
        let x = l.average_x.expect("a line");
        assert_eq!(x, MARGIN + (WIDTH as f32 - 2.0 * MARGIN) * 0.75);
        assert_eq!(pixel(&png, x as u32, mid_y), INK);
        // Text is drawn: the title's line is not blank.
        let decoded_row: Vec<[u8; 3]> = (0..WIDTH).map(|x| pixel(&png, x, 80)).collect();
        assert!(decoded_row.iter().any(|p| p[0] < 100), "no title drawn");
    }

    #[test]
    fn long_labels_are_cut_to_fit() {
        let font = FontRef::try_from_slice(REGULAR).expect("the font");
        let cut = fit(&font, TEXT_PX, &"panjang ".repeat(30), 400.0);
        assert!(cut.ends_with('…'));
        assert!(width(&font, TEXT_PX, &cut) <= 400.0);
        assert_eq!(percent(0.625), "63%");
    }
}
