//! What the playground itself says: its welcome, its help and its hint in the group.

pub(super) const HELP_SHORT: &str = "Kamu ada di grup kelas: bertanya dengan /tanya <pertanyaan>, atau \
ketik :pribadi lalu pertanyaanmu saja. Perintah bot lain: /kuis, /fakta, … Perintah playground \
diawali titik dua: :guru, :siswa <nama>, :grup, :pribadi, :lanjut, :kirim, :muat, :help, :keluar.";

/// Said when a plain text in the group gets nothing: as on Telegram, the bot there answers
/// only commands and replies to its own messages.
pub(super) const GROUP_HINT: &str = "(Di grup, bot hanya menjawab perintah dan balasan ke pesannya, sama \
seperti di Telegram. Bertanyalah dengan /tanya <pertanyaan>, atau ketik :pribadi untuk bicara \
langsung dengan bot.)";

pub(super) const HELP: &str = "\
Playground kelasbot: bot yang sama, tanpa Telegram.

Siapa dan di mana
  :guru            jadi guru (admin grup) — bisa /kuis, /stopkuis, /tugas, /resetskor, /ekspor,
                   /langganan
  :siswa <nama>    jadi siswa bernama <nama> (dibuat saat pertama dipakai)
  :grup            bicara di grup kelas
  :pribadi         bicara di chat pribadi dengan bot

Tombol
  Tombol ditampilkan seperti [A] [B] atau [1] [2]. Ketik A (atau [A], 1, …) untuk menekannya.
  Tombol yang membuka chat pribadi dengan bot (misalnya Kerjakan di pesan tugas) juga
  bisa ditekan: kamu pindah ke chat pribadimu dengan bot.

Waktu
  Kuis berjalan dengan timer sungguhan.
  :lanjut          lompat ke saat berikutnya (soal ditutup sekarang, soal berikutnya,
                   atau fakta harian berikutnya)
  :maju <lama>     majukan jam playground: 30m (menit), 2j (jam), 1h (hari), 45d (detik);
                   misalnya sampai tenggat tugas
  :waktu           jam playground sekarang

Berkas
  :kirim <path>    kirim berkas seperti lampiran Telegram: .xlsx atau .csv jadi set soal
                   (di chat pribadi); .txt dikirim sebagai teksnya (daftar soal yang
                   ditempel setelah /buatkuis <nama>)

Materi
  :muat            baca ulang folder materi (setelah mengubah isinya); kalau ada yang
                   salah, materi lama tetap dipakai

Lainnya
  :help            pesan ini
  :keluar          selesai (juga Ctrl-D); semua tersimpan di file snapshot yang sama dengan bot

Coba: /tanya apa itu kerja sama bilateral? · /fakta · :guru lalu /kuis 3 20 ·
:siswa Ani lalu tekan A · :lanjut · /skor · /langganan 07:00 lalu :lanjut ·
:guru lalu /tugas 3 sampai 3 jam · :siswa Ani lalu tekan tombol Kerjakan · :maju 3j";
