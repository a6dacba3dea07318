//! The table of commands. It lives beside the parser rather than in `texts` because the app
//! dispatches on it; its menu descriptions and help lines are still user-visible Indonesian,
//! written here once, and `texts` renders them into the menus and `/bantuan`.

use super::{Command, Help, Id, MenuLine, Menus, Place, START, Who};

const fn at(at: u8, text: &'static str) -> Option<MenuLine> {
    Some(MenuLine { at, text })
}

/// Every command, in the order `/bantuan` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        id: Id::Tanya,
        name: "tanya",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Both,
        changes_state: false,
        fresh_check: false,
        args: "<pertanyaan>",
        menus: Menus {
            private: at(1, "Tanya tentang materi pelajaran"),
            group: at(1, "Tanya tentang materi pelajaran"),
            admins: at(10, "Tanya tentang materi pelajaran"),
        },
        help: Help {
            private: Some("bertanya (juga bisa di grup kelas)"),
            group: Some("tanya apa saja tentang materi ini"),
        },
    },
    Command {
        id: Id::Fakta,
        name: "fakta",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Both,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(2, "Satu fakta menarik"),
            group: at(2, "Satu fakta menarik"),
            admins: at(11, "Satu fakta menarik"),
        },
        help: Help {
            private: Some("satu fakta menarik"),
            group: Some("satu fakta menarik"),
        },
    },
    Command {
        id: Id::Latihan,
        name: "latihan",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Private,
        changes_state: false,
        fresh_check: false,
        args: "[jumlah] [topik] atau <nama-set> [jumlah]",
        menus: Menus {
            private: at(3, "Latihan soal sendiri"),
            group: None,
            admins: None,
        },
        help: Help {
            private: Some("latihan soal sendiri, tanpa batas waktu"),
            group: None,
        },
    },
    Command {
        id: Id::KuisKu,
        name: "kuisku",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Private,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(7, "Set soal buatanmu sendiri"),
            group: None,
            admins: None,
        },
        help: Help {
            private: Some(
                "set soal buatanmu: kirim berkas <b>.xlsx</b>/<b>.csv</b> (templat Kahoot, \
                 Quizizz, atau /templat) ke chat ini, lalu <code>/kuis nama-set</code> di grup",
            ),
            group: None,
        },
    },
    Command {
        id: Id::BuatKuis,
        name: "buatkuis",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Private,
        changes_state: false,
        fresh_check: false,
        args: "<nama-set>",
        menus: Menus {
            private: at(8, "Buat set soal dengan menempelkan teks"),
            group: None,
            admins: None,
        },
        help: Help {
            private: Some(
                "buat set soal dari teks: nomor, pilihan a–d, lalu <code>Kunci: b</code>",
            ),
            group: None,
        },
    },
    Command {
        id: Id::Templat,
        name: "templat",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Private,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(9, "Templat soal Excel dan CSV"),
            group: None,
            admins: None,
        },
        help: Help {
            private: Some("templat set soal (.xlsx dan .csv)"),
            group: None,
        },
    },
    Command {
        id: Id::Tugas,
        name: "tugas",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Both,
        changes_state: true,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(10, "Tugas dari gurumu yang belum selesai"),
            group: at(7, "Tugas kelas yang sedang terbuka"),
            admins: at(3, "Guru: beri tugas, misalnya 10 soal sampai besok 07:00"),
        },
        help: Help {
            private: Some("tugas dari gurumu yang belum selesai, untuk dilanjutkan"),
            group: Some(
                "tugas kelas yang sedang terbuka; guru memberi tugas dengan \
                 <code>/tugas 10 sampai besok 07:00</code>",
            ),
        },
    },
    Command {
        id: Id::Skor,
        name: "skor",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Both,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(4, "Skor kuismu"),
            group: at(3, "Papan skor kuis kelas"),
            admins: at(5, "Papan skor kuis kelas"),
        },
        help: Help {
            private: Some("skor kuismu di setiap grup"),
            group: Some("papan skor kuis kelas"),
        },
    },
    Command {
        id: Id::Jadwal,
        name: "jadwal",
        aliases: &[],
        who: Who::Everyone,
        place: Place::Group,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: None,
            group: at(4, "Jadwal fakta harian grup ini"),
            admins: at(14, "Jadwal fakta harian grup ini"),
        },
        help: Help {
            private: None,
            group: Some("jadwal fakta harian grup ini"),
        },
    },
    Command {
        id: Id::Materi,
        name: "materi",
        aliases: &[],
        // Anyone may see the list; in a group only a teacher's press changes it (checked
        // at the press).
        who: Who::Everyone,
        place: Place::Both,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(5, "Pilih materi pelajaran"),
            group: at(5, "Materi pelajaran grup ini"),
            admins: at(15, "Guru: ganti materi pelajaran grup ini"),
        },
        help: Help {
            private: Some("pilih materi pelajaran yang ingin kamu pelajari"),
            group: Some("materi pelajaran grup ini (guru bisa menggantinya)"),
        },
    },
    Command {
        id: Id::Bantuan,
        name: "bantuan",
        aliases: &["help", START],
        who: Who::Everyone,
        place: Place::Both,
        changes_state: false,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: at(6, "Apa saja yang bisa aku lakukan"),
            group: at(6, "Apa saja yang bisa aku lakukan"),
            admins: at(16, "Apa saja yang bisa aku lakukan (juga untuk guru)"),
        },
        help: Help {
            private: Some("pesan ini"),
            group: Some("pesan ini"),
        },
    },
    Command {
        id: Id::Kuis,
        name: "kuis",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: false,
        args: "[jumlah] [detik] [topik] atau <nama-set> [jumlah] [detik]",
        menus: Menus {
            private: None,
            group: None,
            admins: at(1, "Guru: mulai kuis, misalnya 5 soal 20 detik"),
        },
        help: Help {
            private: None,
            group: Some(
                "kuis bersama, misalnya <code>/kuis 5 20</code> \
                 (1–20 soal, 10–120 detik per soal)",
            ),
        },
    },
    Command {
        id: Id::StopKuis,
        name: "stopkuis",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(2, "Guru: hentikan kuis"),
        },
        help: Help {
            private: None,
            group: Some("hentikan kuis; poin yang sudah didapat tetap dihitung"),
        },
    },
    Command {
        id: Id::BatalkanTugas,
        name: "batalkantugas",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: true,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(4, "Guru: batalkan tugas yang terbuka"),
        },
        help: Help {
            private: None,
            group: Some("batalkan tugas yang terbuka (dengan konfirmasi)"),
        },
    },
    Command {
        id: Id::ResetSkor,
        name: "resetskor",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: true,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(6, "Guru: kosongkan papan skor"),
        },
        help: Help {
            private: None,
            group: Some("kosongkan papan skor (dengan konfirmasi)"),
        },
    },
    Command {
        id: Id::Ekspor,
        name: "ekspor",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: false,
        fresh_check: true,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(7, "Guru: papan skor sebagai CSV"),
        },
        help: Help {
            private: None,
            group: Some("papan skor sebagai file CSV ke chat pribadi"),
        },
    },
    Command {
        id: Id::Laporan,
        name: "laporan",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: false,
        fresh_check: true,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(8, "Guru: laporan kelas (grafik dan soal tersulit)"),
        },
        help: Help {
            private: None,
            group: Some(
                "laporan kelas ke chat pribadi: grafik per topik dan soal yang paling sering salah",
            ),
        },
    },
    Command {
        id: Id::ResetLaporan,
        name: "resetlaporan",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: true,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(9, "Guru: kosongkan data laporan kelas"),
        },
        help: Help {
            private: None,
            group: Some("kosongkan data laporan (papan skor tetap), dengan konfirmasi"),
        },
    },
    Command {
        id: Id::Langganan,
        name: "langganan",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: false,
        args: "[jam] [WIB/WITA/WIT] [senin-jumat]",
        menus: Menus {
            private: None,
            group: None,
            admins: at(12, "Guru: fakta harian, misalnya 07:00 WIB"),
        },
        help: Help {
            private: None,
            group: Some("fakta harian, misalnya <code>/langganan 07:00</code>"),
        },
    },
    Command {
        id: Id::Berhenti,
        name: "berhenti",
        aliases: &[],
        who: Who::Teachers,
        place: Place::Group,
        changes_state: true,
        fresh_check: false,
        args: "",
        menus: Menus {
            private: None,
            group: None,
            admins: at(13, "Guru: hentikan fakta harian"),
        },
        help: Help {
            private: None,
            group: Some("hentikan fakta harian"),
        },
    },
];
