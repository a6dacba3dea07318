//! Callback data: what a button carries back when pressed. At most 64 bytes; anything that
//! does not decode (forged, or from an older version) is answered as a stale button.

/// Telegram's limit on callback data.
pub const MAX_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackData {
    /// "Maksud kamu…?" suggestion: answer this FAQ entry.
    Faq(String),
}

impl CallbackData {
    pub fn encode(&self) -> String {
        match self {
            CallbackData::Faq(id) => format!("faq:{id}"),
        }
    }

    pub fn decode(data: &str) -> Option<CallbackData> {
        if data.len() > MAX_BYTES {
            return None;
        }
        let (kind, rest) = data.split_once(':')?;
        match kind {
            "faq" if !rest.is_empty() => Some(CallbackData::Faq(rest.to_string())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::MAX_ID_BYTES;

    #[test]
    fn round_trip_within_the_limit() {
        let longest = CallbackData::Faq("x".repeat(MAX_ID_BYTES));
        assert!(longest.encode().len() <= MAX_BYTES);
        assert_eq!(CallbackData::decode(&longest.encode()), Some(longest));
    }

    #[test]
    fn junk_does_not_decode() {
        for junk in ["", "faq:", "faq", "quiz:1", ":x", &"faq:x".repeat(20)] {
            assert_eq!(CallbackData::decode(junk), None, "{junk:?}");
        }
    }
}
