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

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

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
    let sheet_id = first_sheet_id(&workbook)?;
    let (sheet_path, strings_path) = match entry(&mut zip, "xl/_rels/workbook.xml.rels")? {
        Some(rels) => relationships(&rels, sheet_id.as_deref())?,
        None => (None, None),
    };
    let strings_path = strings_path.unwrap_or_else(|| "xl/sharedStrings.xml".to_owned());
    let strings = match entry(&mut zip, &strings_path)? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let resolved = match sheet_path {
        Some(path) => entry(&mut zip, &path)?,
        None => None,
    };
    let xml = match resolved {
        Some(xml) => xml,
        None => entry(&mut zip, "xl/worksheets/sheet1.xml")?.ok_or(SheetError::NoSheet)?,
    };
    read_sheet(&xml, &strings)
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

/// The relationship id of the workbook's first `<sheet>` (its `r:id`, whatever the prefix).
fn first_sheet_id(xml: &[u8]) -> Result<Option<String>, SheetError> {
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        if let Event::Start(e) = &event
            && named(e, "sheet")
        {
            for attribute in e.attributes() {
                let attribute = attribute.map_err(malformed)?;
                if attribute.key.local_name().as_ref() == b"id" && attribute.key.prefix().is_some()
                {
                    return Ok(Some(
                        attribute.unescape_value().map_err(malformed)?.into_owned(),
                    ));
                }
            }
            return Ok(None);
        }
    }
    Ok(None)
}

/// From the workbook's relationships: the path of the sheet `sheet_id`, and of the shared
/// strings.
fn relationships(
    xml: &[u8],
    sheet_id: Option<&str>,
) -> Result<(Option<String>, Option<String>), SheetError> {
    let (mut sheet, mut strings) = (None, None);
    let mut xml = Xml::new(xml);
    while let Some(event) = xml.event()? {
        let Event::Start(e) = &event else {
            continue;
        };
        let Some(target) = attribute(e, "Target")?.filter(|_| named(e, "Relationship")) else {
            continue;
        };
        if sheet.is_none() && sheet_id.is_some() && attribute(e, "Id")?.as_deref() == sheet_id {
            sheet = Some(part_path(&target));
        }
        if strings.is_none() && attribute(e, "Type")?.is_some_and(|t| t.ends_with("/sharedStrings"))
        {
            strings = Some(part_path(&target));
        }
    }
    Ok((sheet, strings))
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

/// A `<c>` being read, in a column that is kept.
struct OpenCell {
    column: usize,
    /// Its `t` attribute: what its value is.
    kind: String,
    formula: bool,
    value: Text,
}

impl OpenCell {
    /// The cell's value; `None` if it holds nothing.
    fn finish(self, strings: &[String]) -> Result<Option<Cell>, SheetError> {
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
            "n" | "" => Cell::Number(number().ok_or(SheetError::Malformed)?),
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
fn read_sheet(xml: &[u8], strings: &[String]) -> Result<Sheet, SheetError> {
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
            if let (Some(value), Some(row)) = (open.finish(strings)?, row.as_mut()) {
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
                skipping = column >= MAX_COLUMNS;
                let value = Text::default();
                cell = (!skipping).then_some(OpenCell {
                    column,
                    kind,
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
        let workbook = format!(
            r#"<workbook {NS}><bookViews><workbookView/></bookViews><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
        );
        let strings: Vec<&str> = strings.iter().map(String::as_str).collect();
        let strings = shared(&strings);
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ])
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
}
