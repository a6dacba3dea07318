//! A spreadsheet as the set reader sees it: numbered rows of sparse cells, whatever file they
//! came from (`.xlsx` or `.csv`). Reading is bounded: at most [`MAX_ROWS`] rows with content
//! and the first [`MAX_COLUMNS`] columns; a cell far away costs nothing.

/// Rows with content read from one file; the rest are not read (and the teacher is told).
pub const MAX_ROWS: usize = 1_000;
/// Columns read (A to AD); cells further right are ignored.
pub const MAX_COLUMNS: usize = 30;

/// One cell's value, as the file holds it. Formulas are never evaluated: their cached value is
/// read, and a formula without one is [`Cell::Uncached`]. A number that an `.xlsx` cell style
/// shows as a date, a time or a percentage is the [`Cell::Text`] it is shown as (`17/08/1945`,
/// `07:30`, `12,5%`), since Excel stores what a teacher typed as a date as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A formula whose result the file does not hold.
    Uncached,
}

/// A row with at least one cell, numbered as the spreadsheet shows it (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    /// `cells[c]` is column `c` (A = 0); `None` where the row has nothing. Never longer than
    /// [`MAX_COLUMNS`].
    pub cells: Vec<Option<Cell>>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(column).and_then(Option::as_ref)
    }
}

/// The first sheet of a file, bounded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    /// In the order of their numbers.
    pub rows: Vec<Row>,
    /// More than [`MAX_ROWS`] rows had content; those after were not read.
    pub truncated: bool,
}

/// Why a file could not be read as a sheet at all (a row's problems are not this).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// Not a spreadsheet of the kind its name says (not a zip, or no workbook inside).
    NotSpreadsheet,
    /// The archive holds more entries, or an entry unpacks larger, than is safe to read.
    TooLarge,
    /// The workbook has no sheet.
    NoSheet,
    /// The sheet's XML is broken.
    Malformed,
    /// A `.csv` that is not UTF-8.
    NotUtf8,
}
