//! `.xlsx` files: reading the first worksheet into a bounded [`Sheet`], and writing a one-sheet
//! workbook of text cells (the template teachers are sent).
//!
//! An uploaded file is hostile input. Before any XML is parsed, the archive must hold at most
//! [`MAX_ENTRIES`] entries declaring at most [`MAX_TOTAL`] bytes in all; an entry is read only if
//! it declares at most [`MAX_ENTRY`] bytes, and never more than that is unpacked. The shared
//! strings are capped at [`MAX_STRINGS`] strings and [`MAX_STRING_BYTES`] bytes of text. The
//! sheet's XML is streamed, never built into a tree: memory follows the rows and cells kept (at
//! most [`MAX_ROWS`] rows of [`MAX_COLUMNS`] cells, with at most [`MAX_TEXT`] bytes of text in
//! all, however often a shared string is used), never the dimension or the cell references a
//! file declares. Formulas are never evaluated; their cached value is read.
//!
//! A number is read as the text it is shown as when its cell style gives it a date, time or
//! percentage format (Excel stores `17/08/1945` as the number 16666 with a date format): a date
//! as `dd/mm/yyyy`, a time as `HH:MM`, a percentage as `12,5%`. The styles part is streamed
//! like the others, and keeps at most [`MAX_STYLES`] cell styles and as many number formats.

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

use std::collections::HashMap;

use jiff::Span;
use jiff::civil::Date;
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use zip::result::{ZipError, ZipResult};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::sheet::{Cell, MAX_COLUMNS, MAX_ROWS, Row, Sheet, SheetError};

/// Entries an archive may hold.
const MAX_ENTRIES: usize = 200;
/// Bytes one entry that is read may unpack to.
const MAX_ENTRY: u64 = 8 << 20;
/// Bytes all entries together may declare.
const MAX_TOTAL: u64 = 32 << 20;
/// Shared strings a workbook may hold.
const MAX_STRINGS: usize = 100_000;
/// Bytes of text all shared strings together may hold.
const MAX_STRING_BYTES: usize = 4 << 20;
/// Bytes of text all cells read may hold together.
const MAX_TEXT: usize = 16 << 20;
/// Cell styles a workbook may declare, and number formats too.
const MAX_STYLES: usize = 10_000;
/// The last serial number Excel shows as a date (31 December 9999).
const MAX_SERIAL: f64 = 2_958_465.0;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Reads the first worksheet of an `.xlsx` file.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::NotSpreadsheet)?;
    let declared = (0..zip.len())
        .filter_map(|index| zip.by_index_data(index).ok())
        .fold(0u64, |total, file| total.saturating_add(file.size()));
    if zip.len() > MAX_ENTRIES || declared > MAX_TOTAL {
        return Err(SheetError::TooLarge);
    }
    let workbook = entry(&mut zip, "xl/workbook.xml")?.ok_or(SheetError::NotSpreadsheet)?;
    let workbook = read_workbook(&workbook)?;
    let parts = match entry(&mut zip, "xl/_rels/workbook.xml.rels")? {
        Some(rels) => relationships(&rels, workbook.sheet_id.as_deref())?,
        None => Parts::default(),
    };
    let strings_path = parts
        .strings
        .unwrap_or_else(|| "xl/sharedStrings.xml".to_owned());
    let strings = match entry(&mut zip, &strings_path)? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let styles_path = parts.styles.unwrap_or_else(|| "xl/styles.xml".to_owned());
    let styles = Styles {
        formats: match entry(&mut zip, &styles_path)? {
            Some(xml) => cell_formats(&xml)?,
            None => Vec::new(),
        },
        date1904: workbook.date1904,
    };
    let resolved = match parts.sheet {
        Some(path) => entry(&mut zip, &path)?,
        None => None,
    };
    let xml = match resolved {
        Some(xml) => xml,
        None => entry(&mut zip, "xl/worksheets/sheet1.xml")?.ok_or(SheetError::NoSheet)?,
    };
    read_sheet(&xml, &strings, &styles)
}

/// The unpacked bytes of the entry `name`, or `None` if the archive has no such entry.
///
/// The zip reader itself refuses data past an entry's declared size (as [`SheetError::Malformed`],
/// like any other broken entry); the cap here holds whatever the declared size says.
fn entry(zip: &mut Archive, name: &str) -> Result<Option<Vec<u8>>, SheetError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(SheetError::NotSpreadsheet),
    };
    if file.size() > MAX_ENTRY {
        return Err(SheetError::TooLarge);
    }
    // At most `MAX_ENTRY` bytes are reserved, as just checked.
    let mut data = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    file.take(MAX_ENTRY + 1)
        .read_to_end(&mut data)
        .map_err(malformed)?;
    if data.len() as u64 > MAX_ENTRY {
        return Err(SheetError::TooLarge);
    }
    Ok(Some(data))
}

/// Maps an error from the XML or zip readers to [`SheetError::Malformed`].
fn malformed<E>(_: E) -> SheetError {
    SheetError::Malformed
}

/// An XML stream that ends only where every element is closed.
struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
}

impl<'a> Xml<'a> {
    /// A stream over `bytes`; an empty element (`<c/>`) comes as its start and its end.
    fn new(bytes: &'a [u8]) -> Self {
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().expand_empty_elements = true;
        Xml { reader, depth: 0 }
    }

    /// The next event, or `None` after the last one.
    fn event(&mut self) -> Result<Option<Event<'a>>, SheetError> {
        let event = self.reader.read_event().map_err(malformed)?;
        match event {
            Event::Eof if self.depth > 0 => return Err(SheetError::Malformed),
            Event::Eof => return Ok(None),
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(Some(event))
    }
}

/// Whether an element's name, without any namespace prefix, is `name`.
fn named(element: &BytesStart, name: &str) -> bool {
    element.local_name().as_ref() == name.as_bytes()
}

/// Whether an event ends an element named `name`.
fn ends(event: &Event, name: &str) -> bool {
    matches!(event, Event::End(e) if e.local_name().as_ref() == name.as_bytes())
}

/// The unescaped value of the attribute named `name`, a prefix (`r:id`) included.
fn attribute<'e>(element: &'e BytesStart, name: &str) -> Result<Option<Cow<'e, str>>, SheetError> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(malformed)?;
        if attribute.key.as_ref() == name.as_bytes() {
            return attribute.unescape_value().map(Some).map_err(malformed);
        }
    }
    Ok(None)
}

/// What the set reader needs from the workbook part.
#[derive(Debug, Default, PartialEq)]
struct Workbook {
    /// The relationship id of the first `<sheet>` (its `r:id`, whatever the prefix).
    sheet_id: Option<String>,
    /// Whether serial numbers count days from 1904 instead of 1900 (`<workbookPr date1904>`).
    date1904: bool,
}

/// Reads the workbook part.
fn read_workbook(xml: &[u8]) -> Result<Workbook, SheetError> {
    let mut workbook = Workbook::default();
    let mut first_sheet = true;
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        let Event::Start(e) = &event else {
            continue;
        };
        if named(e, "workbookPr") {
            workbook.date1904 =
                attribute(e, "date1904")?.is_some_and(|on| matches!(on.trim(), "1" | "true"));
        } else if first_sheet && named(e, "sheet") {
            first_sheet = false;
            for attribute in e.attributes() {
                let attribute = attribute.map_err(malformed)?;
                if attribute.key.local_name().as_ref() == b"id" && attribute.key.prefix().is_some()
                {
                    workbook.sheet_id =
                        Some(attribute.unescape_value().map_err(malformed)?.into_owned());
                    break;
                }
            }
        }
    }
    Ok(workbook)
}

/// The archive paths of the parts the workbook's relationships name.
#[derive(Debug, Default, PartialEq)]
struct Parts {
    /// The first sheet.
    sheet: Option<String>,
    /// The shared strings.
    strings: Option<String>,
    /// The styles.
    styles: Option<String>,
}

/// From the workbook's relationships: the paths of the sheet `sheet_id`, of the shared strings
/// and of the styles.
fn relationships(xml: &[u8], sheet_id: Option<&str>) -> Result<Parts, SheetError> {
    let mut parts = Parts::default();
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        let Event::Start(e) = &event else {
            continue;
        };
        let Some(target) = attribute(e, "Target")?.filter(|_| named(e, "Relationship")) else {
            continue;
        };
        if parts.sheet.is_none() && sheet_id.is_some() && attribute(e, "Id")?.as_deref() == sheet_id
        {
            parts.sheet = Some(part_path(&target));
        }
        let kind = attribute(e, "Type")?;
        let kind = kind.as_deref().unwrap_or_default();
        if parts.strings.is_none() && kind.ends_with("/sharedStrings") {
            parts.strings = Some(part_path(&target));
        }
        if parts.styles.is_none() && kind.ends_with("/styles") {
            parts.styles = Some(part_path(&target));
        }
    }
    Ok(parts)
}

/// The archive path of a workbook relationship's target: relative to `xl/`, unless it starts
/// with `/`.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    }
}

/// The text of the `<t>` and `<v>` elements fed to it, without phonetic (`<rPh>`) text: the
/// text of a string item (plain, or the runs of rich text), or a cell's value.
#[derive(Default)]
struct Text {
    text: String,
    inside: bool,
    phonetic: bool,
}

impl Text {
    fn feed(&mut self, event: &Event) -> Result<(), SheetError> {
        match event {
            Event::Start(e) if named(e, "t") || named(e, "v") => self.inside = true,
            Event::Start(e) if named(e, "rPh") => self.phonetic = true,
            _ if ends(event, "t") || ends(event, "v") => self.inside = false,
            _ if ends(event, "rPh") => self.phonetic = false,
            _ if !self.inside || self.phonetic => {}
            Event::Text(text) => self
                .text
                .push_str(&text.xml10_content().map_err(malformed)?),
            Event::CData(data) => self.text.push_str(&data.decode().map_err(malformed)?),
            Event::GeneralRef(reference) => {
                match reference.resolve_char_ref().map_err(malformed)? {
                    Some(c) => self.text.push(c),
                    None => {
                        let name = reference.decode().map_err(malformed)?;
                        self.text.push_str(
                            resolve_predefined_entity(&name).ok_or(SheetError::Malformed)?,
                        );
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The text, with the `_xHHHH_` escapes spreadsheets use for characters XML cannot hold
    /// decoded (Excel writes a carriage return as `_x000D_`, and escapes the `_` of a literal
    /// `_x0041_` as `_x005F_`).
    fn finish(self) -> String {
        if !self.text.contains("_x") {
            return self.text;
        }
        let mut out = String::with_capacity(self.text.len());
        let mut rest = self.text.as_str();
        while let Some(at) = rest.find("_x") {
            out.push_str(&rest[..at]);
            let code = is_ooxml_escape(&rest[at..])
                .then(|| u32::from_str_radix(&rest[at + 2..at + 6], 16).ok())
                .flatten();
            match code.and_then(char::from_u32) {
                Some(c) => {
                    out.push(c);
                    rest = &rest[at + 7..];
                }
                None => {
                    out.push_str("_x");
                    rest = &rest[at + 2..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Whether `text` starts with an `_xHHHH_` escape.
fn is_ooxml_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 7
        && bytes.starts_with(b"_x")
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

/// The shared strings table, in order.
fn shared_strings(xml: &[u8]) -> Result<Vec<String>, SheetError> {
    let (mut strings, mut bytes) = (Vec::new(), 0usize);
    let mut item: Option<Text> = None;
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        match &event {
            Event::Start(e) if named(e, "si") => item = Some(Text::default()),
            _ if ends(&event, "si") => {
                let text = item.take().map(Text::finish).unwrap_or_default();
                bytes = bytes.saturating_add(text.len());
                if strings.len() >= MAX_STRINGS || bytes > MAX_STRING_BYTES {
                    return Err(SheetError::TooLarge);
                }
                strings.push(text);
            }
            _ => {
                if let Some(item) = item.as_mut() {
                    item.feed(&event)?;
                }
            }
        }
    }
    Ok(strings)
}

/// How a cell style shows a number, as far as the set reader cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Format {
    /// As the number it is.
    #[default]
    Plain,
    /// As a percentage: the number times 100.
    Percent,
    /// As a calendar day.
    Date,
    /// As a time of day.
    Time,
    /// As a calendar day and a time of day.
    DateTime,
    /// As elapsed hours and minutes (`[h]:mm`), which may pass 24.
    Duration,
}

impl Format {
    /// The format of a built-in number format id (those below 164 that a workbook need not
    /// declare).
    fn built_in(id: u32) -> Format {
        match id {
            9 | 10 => Format::Percent,
            14..=17 | 27..=36 | 50..=58 => Format::Date,
            18..=21 | 45 | 47 => Format::Time,
            22 => Format::DateTime,
            46 => Format::Duration,
            _ => Format::Plain,
        }
    }

    /// The format of a number format code such as `dd/mm/yyyy`, `h:mm`, `0.0%` or `#,##0`.
    ///
    /// Quoted literals (`"hari"`), escaped characters (`\d`), the characters after `_` and `*`
    /// (spacing and fill) and bracketed parts (`[Red]`, `[$-421]`) say nothing about the kind of
    /// the number; an elapsed-time part (`[h]`, `[mm]`, `[ss]`) makes it a duration. An `m` is
    /// minutes right after an hour or right before seconds, and a month anywhere else.
    fn of_code(code: &str) -> Format {
        // The date and time letters in order, `e` standing for an elapsed-time part.
        let mut letters = Vec::new();
        let mut percent = false;
        let mut chars = code.chars();
        while let Some(c) = chars.next() {
            match c.to_ascii_lowercase() {
                '"' => {
                    for c in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    // The part up to `]` is read whole, whatever it turns out to be.
                    let (mut unit, mut elapsed) = (None, true);
                    for c in chars.by_ref().take_while(|&c| c != ']') {
                        let c = c.to_ascii_lowercase();
                        elapsed &= matches!(c, 'h' | 'm' | 's') && *unit.get_or_insert(c) == c;
                    }
                    if elapsed && unit.is_some() {
                        letters.push('e');
                    }
                }
                '%' => percent = true,
                // `AM/PM` and `A/P` only say the clock has 12 hours.
                'a' => {
                    let rest = chars.as_str();
                    for marker in ["m/pm", "/p"] {
                        if rest
                            .get(..marker.len())
                            .is_some_and(|r| r.eq_ignore_ascii_case(marker))
                        {
                            chars = rest[marker.len()..].chars();
                            break;
                        }
                    }
                }
                c @ ('d' | 'y' | 'm' | 'h' | 's') if letters.last() != Some(&c) => letters.push(c),
                _ => {}
            }
        }
        let minutes = |at: usize| {
            at.checked_sub(1)
                .and_then(|before| letters.get(before))
                .is_some_and(|&l| l == 'h' || l == 'e')
                || letters.get(at + 1) == Some(&'s')
        };
        let date = letters
            .iter()
            .enumerate()
            .any(|(at, &l)| l == 'd' || l == 'y' || (l == 'm' && !minutes(at)));
        let time = letters.iter().any(|&l| matches!(l, 'h' | 's' | 'e'));
        match (date, time) {
            (true, true) => Format::DateTime,
            (true, false) => Format::Date,
            (false, true) if letters.contains(&'e') => Format::Duration,
            (false, true) => Format::Time,
            (false, false) if percent => Format::Percent,
            (false, false) => Format::Plain,
        }
    }
}

/// The cell styles of a workbook and its date system: what is needed to show a number as the
/// spreadsheet does.
#[derive(Debug, Default)]
struct Styles {
    /// `formats[i]` is how the cell style `s="i"` shows a number.
    formats: Vec<Format>,
    /// Serial numbers count days from 1904 instead of 1900.
    date1904: bool,
}

impl Styles {
    /// The format of the cell style named by a cell's `s` attribute; a style the workbook does
    /// not have (or an index that is not one) shows the number as it is.
    fn format(&self, style: Option<&str>) -> Format {
        style
            .and_then(|s| s.trim().parse::<usize>().ok())
            .and_then(|index| self.formats.get(index).copied())
            .unwrap_or_default()
    }

    /// The text a number is shown as in `format`, or `None` if it is shown as the number it is
    /// (also when it is no date or time Excel can show, such as a negative one).
    fn show(&self, number: f64, format: Format) -> Option<String> {
        match format {
            Format::Plain => None,
            Format::Percent => percentage(number),
            Format::Date | Format::Time | Format::DateTime | Format::Duration => {
                self.moment(number, format)
            }
        }
    }

    /// A serial number as a day (`dd/mm/yyyy`), a time of day (`HH:MM`), both, or elapsed
    /// hours and minutes. It is rounded to the nearest second first, so that a time stored as
    /// `07:30:59.9999` is not shown a minute early, and the seconds are then left out.
    fn moment(&self, serial: f64, format: Format) -> Option<String> {
        if !(0.0..=MAX_SERIAL).contains(&serial) {
            return None;
        }
        // At most 2,958,465 × 86,400 seconds, well within an `i64`.
        let seconds = (serial * 86_400.0).round() as i64;
        let (days, second) = (seconds / 86_400, seconds % 86_400);
        let clock = |hours: i64| format!("{hours:02}:{:02}", second % 3_600 / 60);
        Some(match format {
            Format::Time => clock(second / 3_600),
            Format::Duration => clock(days * 24 + second / 3_600),
            Format::DateTime => format!("{} {}", self.day(days)?, clock(second / 3_600)),
            _ => self.day(days)?,
        })
    }

    /// The day `days` after the date system's start, as `dd/mm/yyyy`.
    ///
    /// In the 1900 system day 1 is 1 January 1900, and day 60 is 29 February 1900, a day that
    /// never was but that Excel counts (as Lotus 1-2-3 did); day 0 is shown as `00/01/1900`, as
    /// Excel shows it. In the 1904 system day 0 is 1 January 1904.
    fn day(&self, days: i64) -> Option<String> {
        let (year, month, day) = match days {
            _ if self.date1904 => (1904, 1, 1),
            0 => return Some("00/01/1900".to_owned()),
            60 => return Some("29/02/1900".to_owned()),
            1..60 => (1899, 12, 31),
            _ => (1899, 12, 30),
        };
        let start = Date::new(year, month, day).ok()?;
        let date = start.checked_add(Span::new().try_days(days).ok()?).ok()?;
        Some(format!(
            "{:02}/{:02}/{:04}",
            date.day(),
            date.month(),
            date.year()
        ))
    }
}

/// A number as a percentage the way Indonesians write it: times 100, with at most two decimals
/// after a decimal comma and no trailing zeros (`0.125` is `12,5%`).
fn percentage(number: f64) -> Option<String> {
    let scaled = number * 100.0;
    if !scaled.is_finite() {
        return None;
    }
    let fixed = format!("{scaled:.2}");
    let digits = fixed.trim_end_matches('0').trim_end_matches('.');
    let digits = if digits == "-0" { "0" } else { digits };
    Some(format!("{}%", digits.replace('.', ",")))
}

/// How each cell style of a styles part shows a number: the `numFmtId` of the i-th `<xf>` of
/// `<cellXfs>`, looked up among the `<numFmt>`s the part declares and then the built-in ones.
fn cell_formats(xml: &[u8]) -> Result<Vec<Format>, SheetError> {
    let mut declared: HashMap<u32, Format> = HashMap::new();
    let (mut declarations, mut styles) = (0usize, Vec::new());
    // Inside `<numFmts>` (not the `<numFmt>` of a `<dxf>`), and inside `<cellXfs>` (not
    // `<cellStyleXfs>`, the named styles cells do not point to).
    let (mut in_formats, mut in_styles) = (false, false);
    let id = |e: &BytesStart| -> Result<u32, SheetError> {
        Ok(attribute(e, "numFmtId")?
            .and_then(|id| id.trim().parse().ok())
            .unwrap_or(0))
    };
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        match &event {
            Event::Start(e) if named(e, "numFmts") => in_formats = true,
            _ if ends(&event, "numFmts") => in_formats = false,
            Event::Start(e) if named(e, "cellXfs") => in_styles = true,
            _ if ends(&event, "cellXfs") => in_styles = false,
            Event::Start(e) if in_formats && named(e, "numFmt") => {
                declarations += 1;
                if declarations > MAX_STYLES {
                    return Err(SheetError::TooLarge);
                }
                let code = attribute(e, "formatCode")?.unwrap_or_default();
                declared.insert(id(e)?, Format::of_code(&code));
            }
            Event::Start(e) if in_styles && named(e, "xf") => {
                if styles.len() >= MAX_STYLES {
                    return Err(SheetError::TooLarge);
                }
                styles.push(id(e)?);
            }
            _ => {}
        }
    }
    Ok(styles
        .into_iter()
        .map(|id| {
            declared
                .get(&id)
                .copied()
                .unwrap_or_else(|| Format::built_in(id))
        })
        .collect())
}

/// A `<c>` being read, in a column that is kept.
struct OpenCell {
    column: usize,
    /// Its `t` attribute: what its value is.
    kind: String,
    /// How its style (its `s` attribute) shows a number.
    format: Format,
    formula: bool,
    value: Text,
}

impl OpenCell {
    /// The cell's value; `None` if it holds nothing. A number its style shows as a date, a time
    /// or a percentage is the text it is shown as.
    fn finish(self, strings: &[String], styles: &Styles) -> Result<Option<Cell>, SheetError> {
        let value = self.value.finish();
        if value.is_empty() {
            return Ok(self.formula.then_some(Cell::Uncached));
        }
        let number = || value.trim().parse::<f64>().ok().filter(|n| n.is_finite());
        Ok(Some(match self.kind.as_str() {
            "s" => {
                let index: usize = value.trim().parse().map_err(malformed)?;
                let text = strings.get(index).ok_or(SheetError::Malformed)?;
                return Ok((!text.is_empty()).then(|| Cell::Text(text.clone())));
            }
            "inlineStr" | "str" | "d" => Cell::Text(value),
            "b" => Cell::Bool(value.trim() == "1"),
            "e" => Cell::Uncached,
            "n" | "" => {
                let number = number().ok_or(SheetError::Malformed)?;
                match styles.show(number, self.format) {
                    Some(shown) => Cell::Text(shown),
                    None => Cell::Number(number),
                }
            }
            _ => return Err(SheetError::Malformed),
        }))
    }
}

/// The column (A = 0) of a cell reference such as `B7`; every column past XFD reads as 16384.
fn column_of(reference: &str) -> Result<usize, SheetError> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let column = letters.fold(0, |column, letter| {
        (column * 26 + usize::from(letter.to_ascii_uppercase() - b'A') + 1).min(16_385)
    });
    column.checked_sub(1).ok_or(SheetError::Malformed)
}

/// Reads a worksheet's rows, keeping at most [`MAX_ROWS`] rows with content.
fn read_sheet(xml: &[u8], strings: &[String], styles: &Styles) -> Result<Sheet, SheetError> {
    let mut sheet = Sheet::default();
    let (mut row, mut last_row, mut next_column) = (None::<Row>, 0u32, 0usize);
    let mut text_bytes = 0usize;
    let mut cell: Option<OpenCell> = None;
    // Inside a `<c>` whose column is not kept: nothing up to its end is looked at.
    let mut skipping = false;
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        if (skipping || cell.is_some()) && ends(&event, "c") {
            skipping = false;
            let Some(open) = cell.take() else { continue };
            let column = open.column;
            if let (Some(value), Some(row)) = (open.finish(strings, styles)?, row.as_mut()) {
                if let Cell::Text(text) = &value {
                    text_bytes = text_bytes.saturating_add(text.len());
                    if text_bytes > MAX_TEXT {
                        return Err(SheetError::TooLarge);
                    }
                }
                if row.cells.len() <= column {
                    row.cells.resize(column + 1, None);
                }
                row.cells[column] = Some(value);
            }
            continue;
        }
        if let Some(open) = cell.as_mut() {
            match &event {
                Event::Start(e) if named(e, "f") => open.formula = true,
                _ => open.value.feed(&event)?,
            }
            continue;
        }
        match &event {
            _ if skipping => {}
            Event::Start(e) if named(e, "row") => {
                last_row = match attribute(e, "r")? {
                    Some(r) => r.trim().parse().map_err(malformed)?,
                    None => last_row.saturating_add(1),
                };
                next_column = 0;
                row = Some(Row {
                    number: last_row,
                    cells: Vec::new(),
                });
            }
            _ if ends(&event, "row") => {
                if let Some(done) = row.take().filter(|r| !r.cells.is_empty()) {
                    if sheet.rows.len() == MAX_ROWS {
                        sheet.truncated = true;
                        break;
                    }
                    sheet.rows.push(done);
                }
            }
            Event::Start(e) if named(e, "c") && row.is_some() => {
                let column = match attribute(e, "r")? {
                    Some(r) => column_of(&r)?,
                    None => next_column,
                };
                next_column = column.saturating_add(1);
                let kind = attribute(e, "t")?.unwrap_or_default().into_owned();
                let format = styles.format(attribute(e, "s")?.as_deref());
                skipping = column >= MAX_COLUMNS;
                let value = Text::default();
                cell = (!skipping).then_some(OpenCell {
                    column,
                    kind,
                    format,
                    formula: false,
                    value,
                });
            }
            _ => {}
        }
    }
    sheet.rows.sort_by_key(|r| r.number);
    Ok(sheet)
}

/// A workbook with one sheet named `sheet_name` holding `rows` as text cells (row 1 first).
///
/// The name is made one Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting
/// or ending with `'`. An empty string leaves its cell empty.
pub fn write_xlsx(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    // Writing into memory fails only if allocating does, and that aborts instead of returning:
    // the empty fallback is never produced.
    write_parts(sheet_name, rows).unwrap_or_default()
}

fn write_parts(sheet_name: &str, rows: &[Vec<String>]) -> ZipResult<Vec<u8>> {
    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
    const PACKAGE: &str = "http://schemas.openxmlformats.org/package/2006";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let relationship = |kind: &str, target: &str| {
        format!(
            r#"{HEAD}<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" Type="{DOC}/{kind}" Target="{target}"/></Relationships>"#
        )
    };
    let name: String = sheet_name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let name = name.trim_matches('\'');
    let name = if name.trim().is_empty() {
        "Sheet1"
    } else {
        name
    };
    let mut sheet = format!(r#"{HEAD}<worksheet xmlns="{MAIN}"><sheetData>"#);
    for (number, cells) in (1..=1_048_576).zip(rows) {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        sheet.push_str(&format!(r#"<row r="{number}">"#));
        for (column, text) in cells.iter().enumerate().take(16_384) {
            if !text.is_empty() {
                let (column, text) = (column_name(column), escape(text));
                sheet.push_str(&format!(
                    r#"<c r="{column}{number}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"{HEAD}<Types xmlns="{PACKAGE}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            relationship("officeDocument", "xl/workbook.xml"),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
                escape(name)
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            relationship("worksheet", "worksheets/sheet1.xml"),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (path, content) in parts {
        zip.start_file(path, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The letters of a column (0 = A).
fn column_name(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Escapes text for XML, dropping the characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            // A literal `_xHHHH_` would read back as an escape: its `_` is escaped itself.
            '_' if is_ooxml_escape(&text[at..]) => out.push_str("_x005F_"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// A zip of the given entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A worksheet part holding `rows` (the XML of its `<row>` elements) and then `after`.
    fn worksheet(rows: &str, after: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}><dimension ref="A1:G9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>{rows}</sheetData>{after}</worksheet>"#
        )
    }

    /// The shared strings part, as Excel writes it.
    fn shared(items: &[&str]) -> String {
        let n = items.len();
        let items: String = items.iter().map(|s| format!("<si>{s}</si>")).collect();
        format!(r#"<sst {NS} count="{n}" uniqueCount="{n}">{items}</sst>"#)
    }

    /// A plain shared string item.
    fn t(text: &str) -> String {
        format!(r#"<t xml:space="preserve">{}</t>"#, escape(text))
    }

    /// A workbook laid out as Excel writes it, with `sheet` as its only sheet.
    fn book(sheet: &str, strings: &[String]) -> Vec<u8> {
        book_with(sheet, strings, None, "")
    }

    /// A workbook as [`book`] lays it out, with the styles part `styles` (at `xl/styles.xml`)
    /// if there is one, and `properties` (a `<workbookPr>`, or nothing) in the workbook part.
    fn book_with(
        sheet: &str,
        strings: &[String],
        styles: Option<&str>,
        properties: &str,
    ) -> Vec<u8> {
        let workbook = format!(
            r#"<workbook {NS}><fileVersion appName="xl"/>{properties}<bookViews><workbookView/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let styles_relationship = match styles {
            Some(_) => {
                format!(r#"<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>"#)
            }
            None => String::new(),
        };
        let rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>{styles_relationship}<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
        );
        let strings: Vec<&str> = strings.iter().map(String::as_str).collect();
        let strings = shared(&strings);
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        if let Some(styles) = styles {
            entries.push(("xl/styles.xml", styles.as_bytes()));
        }
        zip_of(&entries)
    }

    /// A styles part as Excel writes it, declaring the number formats `formats` (id and code)
    /// and the cell styles `styles` (the number format id of each, style 0 first). Its named
    /// styles and its differential format have number formats of their own, which cells never
    /// take.
    fn styles_part(formats: &[(u32, &str)], styles: &[u32]) -> String {
        let declared: String = formats
            .iter()
            .map(|(id, code)| format!(r#"<numFmt numFmtId="{id}" formatCode="{}"/>"#, escape(code)))
            .collect();
        let xfs: String = styles
            .iter()
            .map(|id| {
                format!(
                    r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf>"#
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet {NS}><numFmts count="{}">{declared}</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="2"><xf numFmtId="10" fontId="0" fillId="0" borderId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{}">{xfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></dxf></dxfs></styleSheet>"#,
            formats.len(),
            styles.len()
        )
    }

    /// A row 1 of numeric cells, each `(style, value)` in the next column from A.
    fn numbers(cells: &[(&str, &str)]) -> String {
        let cells: String = cells
            .iter()
            .enumerate()
            .map(|(i, (style, value))| {
                format!(
                    r#"<c r="{}1" s="{style}"><v>{value}</v></c>"#,
                    column_name(i)
                )
            })
            .collect();
        worksheet(&format!(r#"<row r="1">{cells}</row>"#), "")
    }

    fn text(s: &str) -> Option<Cell> {
        Some(Cell::Text(s.to_owned()))
    }

    fn num(n: f64) -> Option<Cell> {
        Some(Cell::Number(n))
    }

    fn row(number: u32, cells: Vec<Option<Cell>>) -> Row {
        Row { number, cells }
    }

    /// Sets the declared uncompressed size of every entry (local and central headers).
    fn declare_sizes(mut bytes: Vec<u8>, size: u32) -> Vec<u8> {
        for at in 0..bytes.len().saturating_sub(30) {
            let offset = match &bytes[at..at + 4] {
                [0x50, 0x4b, 0x03, 0x04] => 22,
                [0x50, 0x4b, 0x01, 0x02] => 24,
                _ => continue,
            };
            bytes[at + offset..at + offset + 4].copy_from_slice(&size.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn reads_a_kahoot_sheet_with_shared_strings_and_numbers() {
        let header = [
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters",
            "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
            "Correct answer(s) - choose at least one",
        ];
        let mut strings: Vec<String> = vec![
            t("Quiz template"),
            t(
                "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one). Have fun creating your awesome quiz!",
            ),
        ];
        strings.extend(header.iter().map(|h| t(h)));
        for s in [
            "Apa itu fotosintesis?",
            "Cara tumbuhan membuat makanan dengan bantuan cahaya",
            "Bank dunia",
            "1,3",
        ] {
            strings.push(t(s));
        }
        let header_cells: String = (0..7)
            .map(|i| {
                format!(
                    r#"<c r="{}3" s="4" t="s"><v>{}</v></c>"#,
                    column_name(i),
                    i + 2
                )
            })
            .collect();
        let rows = format!(
            r#"<row r="1" spans="1:7"><c r="A1" s="1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="2" t="s"><v>1</v></c><c r="B2" s="2"/></row><row r="3" ht="30" customHeight="1">{header_cells}</row><row r="4"><c r="A4" t="s"><v>9</v></c><c r="B4" t="s"><v>10</v></c><c r="C4" t="s"><v>11</v></c><c r="D4" s="3"/><c r="F4"><v>20</v></c><c r="G4"><v>2</v></c></row><row r="5"><c r="A5" t="s"><v>9</v></c><c r="B5"><v>1945</v></c><c r="C5" t="n"><v>17.5</v></c><c r="F5"><v>240</v></c><c r="G5" t="s"><v>12</v></c></row><row r="6"><c r="A6" s="3"/></row>"#
        );
        let sheet = read_xlsx(&book(&worksheet(&rows, ""), &strings)).unwrap();
        assert!(!sheet.truncated);
        let question = text("Apa itu fotosintesis?");
        assert_eq!(
            sheet.rows,
            vec![
                row(1, vec![text("Quiz template")]),
                row(
                    2,
                    vec![text(
                        "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one). Have fun creating your awesome quiz!"
                    )]
                ),
                row(3, header.iter().map(|h| text(h)).collect()),
                row(
                    4,
                    vec![
                        question.clone(),
                        text("Cara tumbuhan membuat makanan dengan bantuan cahaya"),
                        text("Bank dunia"),
                        None,
                        None,
                        num(20.0),
                        num(2.0),
                    ]
                ),
                row(
                    5,
                    vec![
                        question,
                        num(1945.0),
                        num(17.5),
                        None,
                        None,
                        num(240.0),
                        text("1,3")
                    ]
                ),
            ]
        );
    }

    #[test]
    fn joins_rich_text_runs_and_decodes_references() {
        let strings = vec![
            r#"<r><rPr><b/><sz val="11"/></rPr><t>Planet apa yang </t></r><r><t xml:space="preserve">terdekat ke Matahari?</t></r><rPh sb="0" eb="2"><t>フリガナ</t></rPh><phoneticPr fontId="1"/>"#.to_owned(),
            "<t>A &amp; B &lt; C&#10;D &#x1F30F; &quot;x&quot;</t>".to_owned(),
            t("Perubahan sosial budaya dan globalisasi — kerja sama 🌏🤝"),
            t("مرحبا بالعالم"),
            "<t>Baris_x000D_baru _x005F_x0041_</t>".to_owned(),
            "<t><![CDATA[<b>tebal</b>]]></t>".to_owned(),
        ];
        let rows = (0..strings.len())
            .map(|i| format!(r#"<c r="{}1" t="s"><v>{i}</v></c>"#, column_name(i)))
            .collect::<String>();
        let xml = worksheet(&format!(r#"<row r="1">{rows}</row>"#), "");
        let sheet = read_xlsx(&book(&xml, &strings)).unwrap();
        assert_eq!(
            sheet.rows[0].cells,
            vec![
                text("Planet apa yang terdekat ke Matahari?"),
                text("A & B < C\nD 🌏 \"x\""),
                text("Perubahan sosial budaya dan globalisasi — kerja sama 🌏🤝"),
                text("مرحبا بالعالم"),
                text("Baris\rbaru _x0041_"),
                text("<b>tebal</b>"),
            ]
        );
    }

    #[test]
    fn reads_inline_strings_formulas_bools_and_errors() {
        let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Teks langsung</t></is></c><c r="B1" t="str"><f>A1&amp;"!"</f><v>Teks langsung!</v></c><c r="C1"><f>SUM(1,2)</f></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G1"><f>1+1</f><v>2</v></c><c r="H1" t="str"><f>""</f><v></v></c><c r="I1" t="inlineStr"><is><r><t>Dua </t></r><r><rPr><i/></rPr><t>bagian</t></r></is></c><c r="J1" t="d"><v>2024-08-17T00:00:00</v></c><c r="K1" t="inlineStr"><is><t></t></is></c></row>"#;
        let sheet = read_xlsx(&book(&worksheet(rows, ""), &[])).unwrap();
        assert_eq!(
            sheet.rows,
            vec![row(
                1,
                vec![
                    text("Teks langsung"),
                    text("Teks langsung!"),
                    Some(Cell::Uncached),
                    Some(Cell::Bool(true)),
                    Some(Cell::Bool(false)),
                    Some(Cell::Uncached),
                    num(2.0),
                    Some(Cell::Uncached),
                    text("Dua bagian"),
                    text("2024-08-17T00:00:00"),
                ]
            )]
        );
    }

    #[test]
    fn far_away_cells_cost_nothing() {
        let far = worksheet(
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            "",
        )
        .replace("A1:G9", "A1:XFD1048576");
        let sheet = read_xlsx(&book(&far, &[])).unwrap();
        assert_eq!(sheet, Sheet::default());

        let last = worksheet(
            r#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>akhir</t></is></c></row>"#,
            "",
        );
        let sheet = read_xlsx(&book(&last, &[])).unwrap();
        assert_eq!(sheet.rows, vec![row(1_048_576, vec![text("akhir")])]);
    }

    #[test]
    fn stops_after_max_rows() {
        let rows = |count: usize| -> String {
            (1..=count)
                .map(|n| format!(r#"<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}"><v>{n}</v></c></row>"#))
                .collect()
        };
        let strings = [t("Soal")];
        let sheet = read_xlsx(&book(&worksheet(&rows(10_000), ""), &strings)).unwrap();
        assert_eq!(sheet.rows.len(), MAX_ROWS);
        assert!(sheet.truncated);
        assert_eq!(
            sheet.rows[MAX_ROWS - 1],
            row(MAX_ROWS as u32, vec![text("Soal"), num(MAX_ROWS as f64)])
        );

        let exact = format!(
            r#"{}<row r="5000"><c r="A5000" s="1"/></row>"#,
            rows(MAX_ROWS)
        );
        let sheet = read_xlsx(&book(&worksheet(&exact, ""), &strings)).unwrap();
        assert_eq!(sheet.rows.len(), MAX_ROWS);
        assert!(!sheet.truncated);
    }

    #[test]
    fn refuses_zip_bombs_and_crowded_archives() {
        let spaces = vec![b' '; 9 << 20];
        let bomb = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &spaces),
        ]);
        assert!(bomb.len() < 100_000);
        assert_eq!(read_xlsx(&bomb), Err(SheetError::TooLarge));

        // The same entry declaring 1 KiB: the zip reader refuses what unpacks past the
        // declared size, so nothing like 9 MiB is ever held.
        let lying = declare_sizes(bomb, 1024);
        assert_eq!(read_xlsx(&lying), Err(SheetError::Malformed));

        // Small entries declaring 7 MiB each: too much in all, refused before reading.
        let five: Vec<String> = (0..5).map(|i| format!("xl/media/image{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = five.iter().map(|n| (n.as_str(), &b"<x/>"[..])).collect();
        assert_eq!(
            read_xlsx(&declare_sizes(zip_of(&entries), 7 << 20)),
            Err(SheetError::TooLarge)
        );

        let names: Vec<String> = (0..201).map(|i| format!("xl/media/image{i}.png")).collect();
        let mut entries: Vec<(&str, &[u8])> =
            names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        entries.push(("xl/workbook.xml", b"<workbook/>"));
        assert_eq!(read_xlsx(&zip_of(&entries)), Err(SheetError::TooLarge));
        entries.drain(..2);
        assert_eq!(read_xlsx(&zip_of(&entries)), Err(SheetError::NoSheet));
    }

    #[test]
    fn refuses_a_shared_string_repeated_past_the_text_budget() {
        let long = [t(&"panjang ".repeat(3 << 17))];
        let cells: String = (0..6)
            .map(|i| format!(r#"<c r="{}1" t="s"><v>0</v></c>"#, column_name(i)))
            .collect();
        let xml = worksheet(&format!(r#"<row r="1">{cells}</row>"#), "");
        assert_eq!(read_xlsx(&book(&xml, &long)), Err(SheetError::TooLarge));
        let xml = worksheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, "");
        assert_eq!(
            read_xlsx(&book(&xml, &long)).unwrap().rows[0].cells.len(),
            1
        );
    }

    #[test]
    fn refuses_too_many_shared_strings() {
        let many = format!("<sst>{}</sst>", "<si/>".repeat(MAX_STRINGS + 1));
        let bytes = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/sharedStrings.xml", many.as_bytes()),
            ("xl/worksheets/sheet1.xml", worksheet("", "").as_bytes()),
        ]);
        assert_eq!(read_xlsx(&bytes), Err(SheetError::TooLarge));
    }

    #[test]
    fn tells_what_is_wrong_with_a_file() {
        let mut random = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                random ^= random << 13;
                random ^= random >> 17;
                random ^= random << 5;
                random as u8
            })
            .collect();
        for bytes in [&b"Question,Answer 1\nApa?,Ya\n"[..], &noise, b""] {
            assert_eq!(read_xlsx(bytes), Err(SheetError::NotSpreadsheet));
        }
        let no_workbook = zip_of(&[("word/document.xml", b"<document/>")]);
        assert_eq!(read_xlsx(&no_workbook), Err(SheetError::NotSpreadsheet));
        let no_sheet = zip_of(&[("xl/workbook.xml", b"<workbook><sheets/></workbook>")]);
        assert_eq!(read_xlsx(&no_sheet), Err(SheetError::NoSheet));

        for broken in [
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>satu</v></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="x"/></sheetData></worksheet>"#,
        ] {
            assert_eq!(
                read_xlsx(&book(broken, &[])),
                Err(SheetError::Malformed),
                "{broken}"
            );
        }
    }

    #[test]
    fn merged_cells_hold_their_value_top_left() {
        let strings = [t("Kuis Kerja Sama Internasional"), t("Soal"), t("Jawaban")];
        let rows = r#"<row r="1"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1" s="5"/><c r="C1" s="5"/></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="5"/></row>"#;
        let merges = r#"<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B2:C2"/></mergeCells>"#;
        let sheet = read_xlsx(&book(&worksheet(rows, merges), &strings)).unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                row(1, vec![text("Kuis Kerja Sama Internasional")]),
                row(2, vec![text("Soal"), text("Jawaban")]),
            ]
        );
    }

    #[test]
    fn finds_the_first_sheet_through_the_relationships() {
        let sheet = |s: &str| {
            worksheet(
                &format!(
                    r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{s}</t></is></c><c r="B1" t="s"><v>0</v></c></row>"#
                ),
                "",
            )
        };
        let (one, two) = (sheet("lama"), sheet("baru"));
        for target in [
            "worksheets/sheet2.xml",
            "/xl/worksheets/sheet2.xml",
            "./worksheets/sheet2.xml",
        ] {
            let workbook = format!(
                r#"<workbook {NS}><sheets><sheet name="Baru" sheetId="2" r:id="rId7"/><sheet name="Lama" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            );
            let rels = format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="{REL}/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rId7" Type="{REL}/worksheet" Target="{target}"/></Relationships>"#
            );
            let strings = shared(&["<t>dari rels</t>"]);
            let bytes = zip_of(&[
                ("xl/workbook.xml", workbook.as_bytes()),
                ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
                ("xl/strings.xml", strings.as_bytes()),
                ("xl/worksheets/sheet1.xml", one.as_bytes()),
                ("xl/worksheets/sheet2.xml", two.as_bytes()),
            ]);
            let read = read_xlsx(&bytes).unwrap();
            assert_eq!(
                read.rows,
                vec![row(1, vec![text("baru"), text("dari rels")])],
                "{target}"
            );
        }
    }

    #[test]
    fn reads_back_what_it_writes() {
        let rows: Vec<Vec<String>> = [
            vec!["Soal", "Jawaban 1", "", "Benar"],
            vec![],
            vec![
                "A & B <c> \"kutip\" 'x'",
                "Ya\nTidak",
                "🌏 مرحبا",
                "_x0041_ \t",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let bytes = write_xlsx("Kuis", &rows);
        let sheet = read_xlsx(&bytes).unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                row(
                    1,
                    vec![text("Soal"), text("Jawaban 1"), None, text("Benar")]
                ),
                row(
                    3,
                    vec![
                        text("A & B <c> \"kutip\" 'x'"),
                        text("Ya\nTidak"),
                        text("🌏 مرحبا"),
                        text("_x0041_ \t")
                    ]
                ),
            ]
        );
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
        ] {
            assert!(entry(&mut zip, part).unwrap().is_some(), "{part}");
        }
        let workbook =
            String::from_utf8(entry(&mut zip, "xl/workbook.xml").unwrap().unwrap()).unwrap();
        assert!(workbook.contains(r#"<sheet name="Kuis" sheetId="1" r:id="rId1"/>"#));

        let odd = write_xlsx("'Kelas [X/1]: kuis yang namanya panjang'", &rows);
        let mut zip = ZipArchive::new(Cursor::new(&odd[..])).unwrap();
        let workbook =
            String::from_utf8(entry(&mut zip, "xl/workbook.xml").unwrap().unwrap()).unwrap();
        assert!(
            workbook.contains(r#"name="Kelas _X_1__ kuis yang namanya""#),
            "{workbook}"
        );
    }

    #[test]
    fn cells_without_references_take_the_next_column() {
        let strings = [t("Soal"), t("Jawaban")];
        let rows = r#"<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c><v>20</v></c></row><row r="4"><c r="C4"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>"#;
        let sheet = read_xlsx(&book(&worksheet(rows, ""), &strings)).unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                row(1, vec![text("Soal"), text("Jawaban"), num(20.0)]),
                row(4, vec![None, None, num(1.0), num(2.0)]),
                row(5, vec![num(3.0)]),
            ]
        );
    }

    #[test]
    fn shows_numbers_as_their_date_time_or_percentage_format_shows_them() {
        let styles = styles_part(
            &[
                (164, "dd-mmm-yy"),
                (165, "h:mm"),
                (166, "0.0%"),
                (167, r#"[$-421]dd\ mmmm\ yyyy;@"#),
                (168, "[h]:mm"),
                (169, r#""hari ke-"0"#),
            ],
            &[0, 14, 164, 165, 22, 9, 166, 167, 168, 169, 170, 10],
        );
        let rows = r#"<row r="1"><c r="A1" s="1"><v>16666</v></c><c r="B1" s="2"><v>16666</v></c><c r="C1" s="3"><v>0.3125</v></c><c r="D1" s="4"><v>45521.3125</v></c><c r="E1" s="5"><v>0.5</v></c><c r="F1" s="6"><v>0.125</v></c><c r="G1" s="0"><v>1945</v></c><c r="H1" s="7" t="n"><v>45521</v></c><c r="I1" s="8"><v>1.5</v></c><c r="J1" s="9"><v>3</v></c><c r="K1" s="10"><v>16666</v></c><c r="L1" s="1"><f>DATE(1945,8,17)</f><v>16666</v></c><c r="M1" s="12"><v>16666</v></c><c r="N1" s="satu"><v>16666</v></c><c r="O1" s="11"><v>0.0725</v></c><c r="P1" s="1" t="s"><v>0</v></c><c r="Q1" s="1"><f>NOW()</f></c><c r="R1" s="1" t="str"><f>"17/08/1945"</f><v>17/08/1945</v></c><c r="S1" s="3"><v>0.31319444444444444</v></c></row>"#;
        let sheet = read_xlsx(&book_with(
            &worksheet(rows, ""),
            &[t("Soal")],
            Some(&styles),
            "",
        ))
        .unwrap();
        assert_eq!(
            sheet.rows,
            vec![row(
                1,
                vec![
                    text("17/08/1945"),
                    text("17/08/1945"),
                    text("07:30"),
                    text("17/08/2024 07:30"),
                    text("50%"),
                    text("12,5%"),
                    num(1945.0),
                    text("17/08/2024"),
                    text("36:00"),
                    num(3.0),
                    num(16666.0),
                    text("17/08/1945"),
                    num(16666.0),
                    num(16666.0),
                    text("7,25%"),
                    text("Soal"),
                    Some(Cell::Uncached),
                    text("17/08/1945"),
                    text("07:31"),
                ]
            )]
        );
    }

    #[test]
    fn counts_days_as_excel_does() {
        let styles = styles_part(&[], &[0, 14, 22]);
        let cells = [
            ("1", "1"),
            ("1", "59"),
            ("1", "60"),
            ("1", "61"),
            ("1", "0"),
            ("2", "60.75"),
            ("1", "2958465"),
            ("1", "2958466"),
            ("1", "-1"),
            ("1", "1e300"),
            ("2", "0.99999999"),
        ];
        let sheet = read_xlsx(&book_with(&numbers(&cells), &[], Some(&styles), "")).unwrap();
        assert_eq!(
            sheet.rows[0].cells,
            vec![
                text("01/01/1900"),
                text("28/02/1900"),
                text("29/02/1900"),
                text("01/03/1900"),
                text("00/01/1900"),
                text("29/02/1900 18:00"),
                text("31/12/9999"),
                num(2_958_466.0),
                num(-1.0),
                num(1e300),
                text("01/01/1900 00:00"),
            ]
        );
    }

    #[test]
    fn counts_days_from_1904_when_the_workbook_says_so() {
        let styles = styles_part(&[], &[14, 22, 20]);
        let cells = [("0", "15204"), ("1", "0.5"), ("0", "60"), ("2", "0.3125")];
        for flag in ["1", "true", " true "] {
            let properties =
                format!(r#"<workbookPr date1904="{flag}" defaultThemeVersion="124226"/>"#);
            let bytes = book_with(&numbers(&cells), &[], Some(&styles), &properties);
            assert_eq!(
                read_xlsx(&bytes).unwrap().rows[0].cells,
                vec![
                    text("17/08/1945"),
                    text("01/01/1904 12:00"),
                    text("01/03/1904"),
                    text("07:30"),
                ],
                "{flag}"
            );
        }
        for properties in [
            "",
            r#"<workbookPr date1904="0"/>"#,
            r#"<workbookPr date1904="false"/>"#,
        ] {
            let bytes = book_with(&numbers(&cells[..1]), &[], Some(&styles), properties);
            assert_eq!(
                read_xlsx(&bytes).unwrap().rows[0].cells,
                vec![text("16/08/1941")],
                "{properties}"
            );
        }
    }

    #[test]
    fn finds_the_styles_through_the_relationships_or_where_excel_puts_them() {
        let styles = styles_part(&[(164, "dd/mm/yyyy")], &[0, 164]);
        let sheet = numbers(&[("1", "16666")]);
        let workbook = format!(
            r#"<workbook {NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/styles" Target="/xl/gaya.xml"/></Relationships>"#
        );
        let plain = styles_part(&[], &[0, 0]);
        let through_rels = zip_of(&[
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/gaya.xml", styles.as_bytes()),
            ("xl/styles.xml", plain.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]);
        let without_rels = zip_of(&[
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/styles.xml", styles.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]);
        for bytes in [through_rels, without_rels] {
            assert_eq!(
                read_xlsx(&bytes).unwrap().rows[0].cells,
                vec![text("17/08/1945")]
            );
        }
        let without_styles = zip_of(&[
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]);
        assert_eq!(
            read_xlsx(&without_styles).unwrap().rows[0].cells,
            vec![num(16666.0)]
        );
    }

    #[test]
    fn refuses_too_many_styles_or_number_formats() {
        let sheet = numbers(&[("1", "16666")]);
        let ids = vec![14; MAX_STYLES];
        let most = styles_part(&[], &ids);
        assert_eq!(
            read_xlsx(&book_with(&sheet, &[], Some(&most), ""))
                .unwrap()
                .rows[0]
                .cells,
            vec![text("17/08/1945")]
        );
        let ids = vec![14; MAX_STYLES + 1];
        let too_many = styles_part(&[], &ids);
        assert_eq!(
            read_xlsx(&book_with(&sheet, &[], Some(&too_many), "")),
            Err(SheetError::TooLarge)
        );
        let formats: Vec<(u32, &str)> = (0..=MAX_STYLES as u32).map(|i| (164 + i, "0.0")).collect();
        let too_many = styles_part(&formats, &[0, 14]);
        assert_eq!(
            read_xlsx(&book_with(&sheet, &[], Some(&too_many), "")),
            Err(SheetError::TooLarge)
        );
        let broken = r#"<styleSheet><cellXfs count="1"><xf numFmtId="14"></cellXfs></styleSheet>"#;
        assert_eq!(
            read_xlsx(&book_with(&sheet, &[], Some(broken), "")),
            Err(SheetError::Malformed)
        );
    }

    #[test]
    fn tells_dates_times_and_percentages_from_format_codes() {
        for (code, format) in [
            ("General", Format::Plain),
            ("0", Format::Plain),
            ("#,##0.00", Format::Plain),
            ("0.00E+00", Format::Plain),
            ("@", Format::Plain),
            (r#"[Red]-0.00;[Blue]0.00"#, Format::Plain),
            (r#"[$Rp-421]#,##0"#, Format::Plain),
            (
                r#"_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)"#,
                Format::Plain,
            ),
            (r#"0 "hari, ms""#, Format::Plain),
            (r#"\d\y 0"#, Format::Plain),
            ("0%", Format::Percent),
            ("0.0%", Format::Percent),
            (r#"0 "%""#, Format::Plain),
            ("dd/mm/yyyy", Format::Date),
            ("DD/MM/YYYY", Format::Date),
            ("d-mmm-yy", Format::Date),
            ("mmmm", Format::Date),
            ("mmm-yy", Format::Date),
            (r#"[$-421]dddd, dd mmmm yyyy;@"#, Format::Date),
            ("yyyy-mm-dd", Format::Date),
            ("h:mm", Format::Time),
            ("hh:mm:ss", Format::Time),
            ("mm:ss", Format::Time),
            ("mm:ss.0", Format::Time),
            ("h:mm AM/PM", Format::Time),
            ("h:mm a/p", Format::Time),
            ("m/d/yy h:mm", Format::DateTime),
            ("dd/mm/yyyy hh:mm", Format::DateTime),
            (r#"yyyy-mm-dd"T"hh:mm:ss"#, Format::DateTime),
            ("[h]:mm:ss", Format::Duration),
            ("[mm]:ss", Format::Duration),
            ("[hh]", Format::Duration),
            ("[Red][h]:mm", Format::Duration),
        ] {
            assert_eq!(Format::of_code(code), format, "{code}");
        }
        for (id, format) in [
            (0, Format::Plain),
            (2, Format::Plain),
            (9, Format::Percent),
            (10, Format::Percent),
            (14, Format::Date),
            (17, Format::Date),
            (18, Format::Time),
            (21, Format::Time),
            (22, Format::DateTime),
            (27, Format::Date),
            (36, Format::Date),
            (37, Format::Plain),
            (45, Format::Time),
            (46, Format::Duration),
            (47, Format::Time),
            (49, Format::Plain),
            (50, Format::Date),
            (58, Format::Date),
            (59, Format::Plain),
            (164, Format::Plain),
        ] {
            assert_eq!(Format::built_in(id), format, "{id}");
        }
    }

    #[test]
    fn writes_percentages_with_a_decimal_comma() {
        for (number, shown) in [
            (0.5, Some("50%")),
            (0.125, Some("12,5%")),
            (0.0725, Some("7,25%")),
            (1.0, Some("100%")),
            (0.0, Some("0%")),
            (-0.5, Some("-50%")),
            (-0.00001, Some("0%")),
            (1.0 / 3.0, Some("33,33%")),
            (0.07, Some("7%")),
            (12.3456, Some("1234,56%")),
            (f64::MAX, None),
        ] {
            assert_eq!(percentage(number).as_deref(), shown, "{number}");
        }
    }
}
