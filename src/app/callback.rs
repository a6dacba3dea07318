//! Callback data: what a button carries back when pressed. At most 64 bytes; anything that
//! does not decode (forged, or from an older version) is answered as a stale button.

/// Telegram's limit on callback data.
pub const MAX_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackData {
    /// "Maksud kamu…?" suggestion: answer this FAQ entry of the pack with this key (none on
    /// buttons sent before there were packs: the chat's subject then).
    Faq { pack: Option<String>, id: String },
    /// `/materi`: teach the chat the pack with this key.
    Subject { pack: String },
    /// A quiz answer: round number, question number in the round, shown option.
    Quiz {
        round: u32,
        question: u8,
        choice: u8,
    },
    /// A practice answer: practice number, question number, shown option.
    Practice { id: u32, question: u8, choice: u8 },
    /// A homework answer: the group, its homework number, the question number in the
    /// student's order, the shown option.
    Homework {
        group: i64,
        id: u32,
        question: u8,
        choice: u8,
    },
    /// `/batalkantugas` confirmed, for the group's homework of this number.
    CancelHomework { nonce: u32, id: u32 },
    /// `/resetskor` confirmed.
    Reset { nonce: u32 },
    /// `/resetlaporan` confirmed.
    ResetReport { nonce: u32 },
    /// Whether a set just read replaces the presser's set of that name.
    SetReplace { yes: bool, name: String },
    /// `/kuisku`'s delete button for the presser's set `name`, and its confirmation.
    SetDelete { name: String, step: DeleteStep },
}

/// Where a delete button is in its two presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteStep {
    Ask,
    Yes,
    No,
}

impl DeleteStep {
    fn code(self) -> &'static str {
        match self {
            DeleteStep::Ask => "a",
            DeleteStep::Yes => "y",
            DeleteStep::No => "n",
        }
    }
}

impl CallbackData {
    pub fn encode(&self) -> String {
        match self {
            CallbackData::Faq {
                pack: Some(pack),
                id,
            } => format!("faq:{pack}:{id}"),
            CallbackData::Faq { pack: None, id } => format!("faq:{id}"),
            CallbackData::Subject { pack } => format!("m:{pack}"),
            CallbackData::Quiz {
                round,
                question,
                choice,
            } => format!("k:{round}:{question}:{choice}"),
            CallbackData::Practice {
                id,
                question,
                choice,
            } => format!("l:{id}:{question}:{choice}"),
            CallbackData::Homework {
                group,
                id,
                question,
                choice,
            } => format!("t:{group}:{id}:{question}:{choice}"),
            CallbackData::CancelHomework { nonce, id } => format!("bt:{nonce}:{id}"),
            CallbackData::Reset { nonce } => format!("r:{nonce}"),
            CallbackData::ResetReport { nonce } => format!("rl:{nonce}"),
            CallbackData::SetReplace { yes, name } => format!("sg:{}:{name}", u8::from(*yes)),
            CallbackData::SetDelete { name, step } => format!("sh:{}:{name}", step.code()),
        }
    }

    pub fn decode(data: &str) -> Option<CallbackData> {
        if data.len() > MAX_BYTES {
            return None;
        }
        let (kind, rest) = data.split_once(':')?;
        let three = || -> Option<(u32, u8, u8)> {
            let mut parts = rest.split(':');
            let a = parts.next()?.parse().ok()?;
            let b = parts.next()?.parse().ok()?;
            let c = parts.next()?.parse().ok()?;
            parts.next().is_none().then_some((a, b, c))
        };
        match kind {
            "faq" => match rest.split_once(':') {
                Some((pack, id)) if !pack.is_empty() && !id.is_empty() => Some(CallbackData::Faq {
                    pack: Some(pack.to_string()),
                    id: id.to_string(),
                }),
                None if !rest.is_empty() => Some(CallbackData::Faq {
                    pack: None,
                    id: rest.to_string(),
                }),
                _ => None,
            },
            "m" if !rest.is_empty() && !rest.contains(':') => Some(CallbackData::Subject {
                pack: rest.to_string(),
            }),
            "k" => three().map(|(round, question, choice)| CallbackData::Quiz {
                round,
                question,
                choice,
            }),
            "l" => three().map(|(id, question, choice)| CallbackData::Practice {
                id,
                question,
                choice,
            }),
            "t" => {
                let mut parts = rest.split(':');
                let group = parts.next()?.parse().ok()?;
                let id = parts.next()?.parse().ok()?;
                let question = parts.next()?.parse().ok()?;
                let choice = parts.next()?.parse().ok()?;
                parts.next().is_none().then_some(CallbackData::Homework {
                    group,
                    id,
                    question,
                    choice,
                })
            }
            "bt" => {
                let (nonce, id) = rest.split_once(':')?;
                Some(CallbackData::CancelHomework {
                    nonce: nonce.parse().ok()?,
                    id: id.parse().ok()?,
                })
            }
            "r" => rest.parse().ok().map(|nonce| CallbackData::Reset { nonce }),
            "rl" => rest
                .parse()
                .ok()
                .map(|nonce| CallbackData::ResetReport { nonce }),
            "sg" => {
                let (yes, name) = rest.split_once(':')?;
                let yes = match yes {
                    "1" => true,
                    "0" => false,
                    _ => return None,
                };
                (!name.is_empty()).then(|| CallbackData::SetReplace {
                    yes,
                    name: name.to_string(),
                })
            }
            "sh" => {
                let (code, name) = rest.split_once(':')?;
                let step = [DeleteStep::Ask, DeleteStep::Yes, DeleteStep::No]
                    .into_iter()
                    .find(|s| s.code() == code)?;
                (!name.is_empty()).then(|| CallbackData::SetDelete {
                    name: name.to_string(),
                    step,
                })
            }
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
        let longest = CallbackData::Faq {
            pack: Some("abcdef".into()),
            id: "x".repeat(MAX_ID_BYTES),
        };
        assert!(longest.encode().len() <= MAX_BYTES);
        assert_eq!(CallbackData::decode(&longest.encode()), Some(longest));
        // A suggestion sent before there were packs still answers.
        assert_eq!(
            CallbackData::decode("faq:bentuk-kerja-sama"),
            Some(CallbackData::Faq {
                pack: None,
                id: "bentuk-kerja-sama".into()
            })
        );
        for data in [
            CallbackData::Subject {
                pack: "abcdef".into(),
            },
            CallbackData::Quiz {
                round: u32::MAX,
                question: 19,
                choice: 3,
            },
            CallbackData::Practice {
                id: 7,
                question: 0,
                choice: 1,
            },
            CallbackData::Reset { nonce: u32::MAX },
            CallbackData::ResetReport { nonce: u32::MAX },
            CallbackData::Homework {
                group: i64::MIN,
                id: u32::MAX,
                question: 29,
                choice: 3,
            },
            CallbackData::CancelHomework {
                nonce: u32::MAX,
                id: u32::MAX,
            },
            CallbackData::SetReplace {
                yes: true,
                name: "x".repeat(crate::sets::MAX_NAME_CHARS),
            },
            CallbackData::SetReplace {
                yes: false,
                name: "bab-1".into(),
            },
            CallbackData::SetDelete {
                name: "x".repeat(crate::sets::MAX_NAME_CHARS),
                step: DeleteStep::Yes,
            },
        ] {
            assert!(data.encode().len() <= MAX_BYTES);
            assert_eq!(CallbackData::decode(&data.encode()), Some(data));
        }
    }

    #[test]
    fn junk_does_not_decode() {
        for junk in [
            "",
            "faq:",
            "faq",
            "faq::x",
            "faq:abc:",
            "m:",
            "m:a:b",
            "quiz:1",
            ":x",
            &"faq:x".repeat(20),
            "k:1:2",
            "k:1:2:3:4",
            "k:-1:0:0",
            "k:1:300:0",
            "l:a:b:c",
            "r:",
            "r:x",
            "sg:2:bab",
            "sg:1",
            "sg:1:",
            "sh:a:",
            "sh:z:bab-1",
            "sh:bab-1",
        ] {
            assert_eq!(CallbackData::decode(junk), None, "{junk:?}");
        }
    }
}
