//! The generator's one error type: file, position, record and cause.
//!
//! Every failure names the input file, the position in it (line and column, when the failure
//! is tied to a place), the record it concerns, and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in an input file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A generator failure, with enough context for a maintainer to go straight to the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The input file the failure is about (or the output path, for I/O failures).
    pub file: PathBuf,
    /// Where in `file`, if the failure is tied to a place.
    pub pos: Option<Pos>,
    /// The sub-registry and record concerned, outermost first (e.g. `close-code-number`,
    /// `record 1014`).
    pub context: Vec<String>,
    /// What went wrong and what was expected.
    pub message: String,
    /// Further failures the same check found, each shown on a line of its own (see
    /// [`Error::all`]).
    pub also: Vec<Error>,
}

impl Error {
    /// A failure about `file` with no particular position.
    pub fn new(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error {
            file: file.as_ref().to_path_buf(),
            pos: None,
            context: Vec::new(),
            message: message.into(),
            also: Vec::new(),
        }
    }

    /// A failure at a position in `file`.
    pub fn at(file: impl AsRef<Path>, pos: Pos, message: impl Into<String>) -> Self {
        Error {
            pos: Some(pos),
            ..Error::new(file, message)
        }
    }

    /// Adds an outer context (the record or sub-registry that contains the failure).
    pub fn within(mut self, context: impl Into<String>) -> Self {
        self.context.insert(0, context.into());
        self
    }

    /// `Ok` when `errors` is empty; otherwise the first error, carrying the others, so that
    /// one run reports every problem a check found.
    pub fn all(errors: Vec<Error>) -> Result<()> {
        let mut errors = errors.into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                first.also.extend(errors);
                Err(first)
            }
        }
    }

    /// An I/O failure on `path`.
    pub fn io(path: impl AsRef<Path>, action: &str, err: std::io::Error) -> Self {
        Error::new(path, format!("cannot {action}: {err}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(pos) = self.pos {
            write!(f, ":{pos}")?;
        }
        f.write_str(": ")?;
        for part in &self.context {
            write!(f, "{part}: ")?;
        }
        f.write_str(&self.message)?;
        for other in &self.also {
            write!(f, "\n{other}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
