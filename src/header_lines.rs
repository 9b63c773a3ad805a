//! A header sent as several field lines, read as the one list RFC 9110 makes of them.
//!
//! RFC 9110 section 5.3 joins them with `, `, so offsets count in the joined value.
//!
//! Every reader of one line (`Extension::offers`, `PerMessageDeflate::offers`) gets its
//! `*_lines` form from [`AcrossLines`]; the rules of joining live here only.

use crate::{ExtensionHeaderError, ExtensionHeaderExpected, ExtensionOffer};

/// What [`AcrossLines`] needs to know of an item a one-line reader yields.
pub(crate) trait LineItem: Sized {
    /// The item with every offset in it moved `by` bytes on.
    fn shifted(self, by: usize) -> Self;
    /// The grammar error of a line, if the item is one.
    fn grammar_error(&self) -> Option<ExtensionHeaderError>;
}

/// True for the error a line with no element gives: across lines, such a line is only
/// empty list elements, and the list is empty only if every line is.
fn is_no_element(item: &impl LineItem) -> bool {
    item.grammar_error().map_or(false, |e| {
        e.expected() == ExtensionHeaderExpected::AtLeastOneExtension
    })
}

/// The items of every line in turn, offsets counted in the joined value. After a grammar
/// error nothing more is read (what follows it is not meaningful).
pub(crate) struct AcrossLines<'a, L, F, R: Iterator> {
    lines: L,
    read: F,
    current: Option<R>,
    /// Where the current line starts in the joined value.
    base: usize,
    /// Where the next one starts.
    next_base: usize,
    /// An element was found in some line.
    found_any: bool,
    /// The last line's "no element" error, moved to the joined value's end.
    no_element: Option<R::Item>,
    done: bool,
    lifetime: core::marker::PhantomData<&'a ()>,
}

impl<'a, L, F, R> AcrossLines<'a, L, F, R>
where
    R: Iterator,
{
    /// The items `read` gives for each of `lines`.
    pub(crate) fn new<V, I>(lines: I, read: F) -> Self
    where
        V: AsRef<[u8]> + ?Sized + 'a,
        I: IntoIterator<Item = &'a V, IntoIter = L>,
        L: Iterator<Item = &'a V>,
        F: FnMut(&'a [u8]) -> R,
    {
        AcrossLines {
            lines: lines.into_iter(),
            read,
            current: None,
            base: 0,
            next_base: 0,
            found_any: false,
            no_element: None,
            done: false,
            lifetime: core::marker::PhantomData,
        }
    }
}

impl<'a, V, L, F, R> Iterator for AcrossLines<'a, L, F, R>
where
    V: AsRef<[u8]> + ?Sized + 'a,
    L: Iterator<Item = &'a V>,
    F: FnMut(&'a [u8]) -> R,
    R: Iterator,
    R::Item: LineItem,
{
    type Item = R::Item;

    fn next(&mut self) -> Option<R::Item> {
        while !self.done {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                let item = item.shifted(self.base);
                if is_no_element(&item) {
                    self.no_element = Some(item);
                    continue;
                }
                if item.grammar_error().is_some() {
                    self.done = true;
                } else {
                    self.found_any = true;
                }
                return Some(item);
            }
            match self.lines.next() {
                Some(line) => {
                    let line = line.as_ref();
                    self.base = self.next_base;
                    self.next_base = self.base + line.len() + 2;
                    self.current = Some((self.read)(line));
                }
                None => {
                    self.done = true;
                    if !self.found_any {
                        return self.no_element.take();
                    }
                }
            }
        }
        None
    }
}

impl LineItem for Result<ExtensionOffer<'_>, ExtensionHeaderError> {
    fn shifted(self, by: usize) -> Self {
        match self {
            Ok(offer) => Ok(offer.shifted(by)),
            Err(error) => Err(error.shifted(by)),
        }
    }

    fn grammar_error(&self) -> Option<ExtensionHeaderError> {
        self.as_ref().err().copied()
    }
}
