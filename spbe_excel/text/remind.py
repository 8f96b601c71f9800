"""The intake page's reminders to late OPDs: the page, the message an OPD
receives, the outcome of sending it, and the mail settings of ``portal init``."""

TEXTS: dict[str, tuple[str, str]] = {
    # ---- the reminders page --------------------------------------------------------------------------------
    "portal.remind.open": ("Ingatkan OPD yang terlambat ({count})", "Remind late OPDs ({count})"),
    "portal.remind.title": ("Pengingat {period}", "Reminders, {period}"),
    "portal.remind.back": ("← Kembali ke status pelaporan", "← Back to the reporting status"),
    "portal.remind.back_list": ("← Kembali ke daftar pengingat", "← Back to the reminders"),
    "portal.remind.intro": (
        "OPD di bawah ini belum mengirim, kirimannya ditolak, atau laporannya masih bergalat. Setiap pesan memuat "
        "tautan OPD, batas waktu dan yang perlu diperbaiki.",
        "The OPDs below have sent nothing, had their file rejected, or have errors in their report. Each message "
        "holds the OPD's link, the deadline and what to fix."),
    "portal.remind.smtp": (
        "E-mail dikirim lewat server {host} dari {sender}, paling banyak satu e-mail per OPD setiap {every} menit; "
        "pesan dalam {language}.",
        "E-mails go through the server {host} from {sender}, at most one per OPD every {every} minutes; messages "
        "in {language}."),
    "portal.remind.lang.id": ("Bahasa Indonesia", "Indonesian"),
    "portal.remind.lang.en": ("bahasa Inggris", "English"),
    "portal.remind.no_smtp": (
        "Server e-mail (SMTP) belum diatur, jadi pengingat tidak dikirim dari sini. Buka pesan setiap OPD dan "
        "kirim lewat WhatsApp atau e-mail Anda sendiri; untuk mengatur SMTP lihat \"portal init --smtp-host\".",
        "No mail server (SMTP) is set, so reminders are not sent from here. Open each OPD's message and send it "
        "by WhatsApp or your own e-mail; to set SMTP see \"portal init --smtp-host\"."),
    "portal.remind.closed": (
        "Putaran {period} sudah ditutup: OPD tidak dapat mengirim lagi, jadi tidak ada pengingat.",
        "The round {period} is closed: OPDs can no longer upload, so no reminder is sent."),
    "portal.remind.none_due": (
        "Semua OPD sudah mengirim laporan tanpa galat. Tidak ada yang perlu diingatkan.",
        "Every OPD has sent a report without errors. Nobody needs a reminder."),
    "portal.remind.confirm": ("Kirim e-mail pengingat ke {count} OPD?",
                              "Send reminder e-mails to {count} OPD{count|s}?"),
    "portal.remind.send_all": ("Kirim e-mail pengingat ke {count} OPD",
                               "Send reminder e-mails to {count} OPD{count|s}"),
    "portal.remind.send_one": ("Kirim e-mail ini ke {code} sekarang", "Send this e-mail to {code} now"),
    "portal.remind.open_message": ("Pesan, WhatsApp, e-mail", "Message, WhatsApp, e-mail"),
    "portal.remind.batch": (
        "Pengingat selesai: {sent} terkirim, {failed} gagal, {manual} perlu dikirim manual, {none} tanpa kontak, "
        "{soon} baru saja diingatkan.",
        "Reminders done: {sent} sent, {failed} failed, {manual} to send by hand, {none} without contacts, {soon} "
        "reminded just now."),
    "portal.remind.message_title": ("Pesan pengingat untuk {code}", "Reminder for {code}"),
    "portal.remind.subject": ("Judul", "Subject"),
    "portal.remind.message": ("Isi pesan", "Message"),
    "portal.remind.copy_hint": (
        "Salin pesan ini untuk dikirim lewat aplikasi lain. Tautan di dalamnya adalah kunci OPD: kirim hanya ke "
        "narahubung OPD itu.",
        "Copy this message to send it through another app. The link in it is the OPD's key: send it only to that "
        "OPD's contact."),
    "portal.remind.whatsapp": ("Buka di WhatsApp", "Open in WhatsApp"),
    "portal.remind.mailto": ("Tulis di aplikasi e-mail", "Write in your e-mail app"),
    "portal.remind.busy": (
        "Pengingat lain sedang dikirim. Tunggu hingga selesai, lalu muat ulang halaman.",
        "Other reminders are being sent. Wait until they are done, then reload the page."),
    "portal.remind.not_due": (
        "{code} tidak perlu diingatkan: laporannya sudah diterima tanpa galat, atau OPD itu tidak ada.",
        "{code} needs no reminder: its report was accepted without errors, or there is no such OPD."),
    # ---- the outcome of one OPD's reminder -----------------------------------------------------------------
    "portal.remind.out.sent": ("Terkirim ke {to}", "Sent to {to}"),
    "portal.remind.out.sent_partly": ("Terkirim ke {to}; server menolak {refused}",
                                      "Sent to {to}; the server refused {refused}"),
    "portal.remind.out.failed": ("Gagal: {reason}", "Failed: {reason}"),
    "portal.remind.out.no_smtp": (
        "Belum dikirim: server SMTP belum diatur. Kirim lewat tombol e-mail atau WhatsApp di pesannya.",
        "Not sent: no SMTP server is set. Send it with the e-mail or WhatsApp button of its message."),
    "portal.remind.out.whatsapp_only": (
        "Tanpa alamat e-mail: kirim lewat tombol WhatsApp di pesannya.",
        "No e-mail address: send it with the WhatsApp button of its message."),
    "portal.remind.out.no_contact": (
        "Tanpa kontak: isi kolom E-mail atau WhatsApp OPD ini di lembar OPD rencana.",
        "No contacts: fill in this OPD's E-mail or WhatsApp column on the plan's OPD sheet."),
    "portal.remind.out.too_soon": (
        "Tidak dikirim lagi: sudah diingatkan pukul {at}; dapat diingatkan lagi setelah pukul {again}.",
        "Not sent again: reminded at {at}; it can be reminded again after {again}."),
    "portal.remind.out.no_link": (
        "Tautan OPD ini di tautan-opd.csv tidak berlaku lagi; ganti tautannya di halaman status, lalu ingatkan.",
        "This OPD's link in tautan-opd.csv no longer works; replace its link on the status page, then remind it."),
    # ---- why an e-mail did not go, in words DKIS can act on ---------------------------------------------------
    "portal.remind.fail.refused": (
        "server SMTP {host}:{port} menolak sambungan (server tidak berjalan, atau host atau port salah)",
        "the SMTP server {host}:{port} refused the connection (it is not running, or the host or port is wrong)"),
    "portal.remind.fail.timeout": (
        "server SMTP {host}:{port} tidak menjawab dalam {seconds} detik",
        "the SMTP server {host}:{port} did not answer within {seconds} seconds"),
    "portal.remind.fail.unknown_host": (
        "nama server SMTP {host} tidak dikenal; periksa --smtp-host",
        "the SMTP server name {host} is unknown; check --smtp-host"),
    "portal.remind.fail.network": (
        "server SMTP {host}:{port} tidak dapat dihubungi: {reason}",
        "the SMTP server {host}:{port} cannot be reached: {reason}"),
    "portal.remind.fail.auth": (
        "server menolak pengguna {user} atau sandinya ({reply}); periksa --smtp-user dan sandinya",
        "the server refused the user {user} or its password ({reply}); check --smtp-user and the password"),
    "portal.remind.fail.no_env": (
        "sandi SMTP tidak ada: variabel lingkungan {name} tidak diatur untuk \"portal serve\"",
        "no SMTP password: the environment variable {name} is not set for \"portal serve\""),
    "portal.remind.fail.no_file": (
        "berkas sandi SMTP {file} tidak dapat dibaca ({reason})",
        "the SMTP password file {file} cannot be read ({reason})"),
    "portal.remind.fail.no_starttls": (
        "server {host} tidak menawarkan STARTTLS; pakai --smtp-security ssl (port 465) bila servernya mendukung",
        "the server {host} does not offer STARTTLS; use --smtp-security ssl (port 465) if the server supports it"),
    "portal.remind.fail.certificate": (
        "sertifikat server {host} tidak dipercaya ({reason}); beri sertifikat CA kantor dengan --smtp-cafile",
        "the certificate of the server {host} is not trusted ({reason}); give the office's CA certificate with "
        "--smtp-cafile"),
    "portal.remind.fail.tls": (
        "sambungan TLS ke {host}:{port} gagal ({reason}); periksa --smtp-security dan port",
        "the TLS connection to {host}:{port} failed ({reason}); check --smtp-security and the port"),
    "portal.remind.fail.recipients": ("server menolak alamat penerima: {refused}",
                                      "the server refused the address: {refused}"),
    "portal.remind.fail.sender": (
        "server menolak alamat pengirim {sender} ({reply}); periksa --smtp-from",
        "the server refused the sender address {sender} ({reply}); check --smtp-from"),
    "portal.remind.fail.disconnected": (
        "server SMTP {host}:{port} memutus sambungan", "the SMTP server {host}:{port} closed the connection"),
    "portal.remind.fail.reply": ("server SMTP menjawab {reply}", "the SMTP server answered {reply}"),
    "portal.remind.fail.other": ("kesalahan tak terduga ({reason})", "an unexpected error ({reason})"),
    # ---- the message an OPD receives ------------------------------------------------------------------------
    "portal.remind.msg.subject": ("Pengingat laporan monev SPBE {period}: {name}",
                                  "Reminder: SPBE monitoring report {period}, {name}"),
    "portal.remind.msg.dear": ("Yth. {person}, {name},", "Dear {person}, {name},"),
    "portal.remind.msg.sir": ("Bapak/Ibu", "Sir or Madam"),
    "portal.remind.msg.missing": (
        "Laporan monev rencana aksi SPBE dari OPD Anda belum kami terima.",
        "We have not yet received your OPD's monitoring report of the SPBE action plan."),
    "portal.remind.msg.rejected": (
        "Kiriman terakhir OPD Anda ditolak dan tidak dihitung. Yang perlu diperbaiki:",
        "Your OPD's last upload was rejected and does not count. What to fix:"),
    "portal.remind.msg.accepted-with-errors": (
        "Laporan OPD Anda sudah diterima, tetapi masih ada {errors} galat yang harus diperbaiki:",
        "Your OPD's report is accepted, but it still has {errors} error{errors|s} to fix:"),
    "portal.remind.msg.more": ("- dan {count} temuan lain: lihat halaman OPD Anda.",
                               "- and {count} more finding{count|s}: see your OPD's page."),
    "portal.remind.msg.deadline": ("Batas waktu pengiriman laporan {period}: {date}.",
                                   "The deadline for the {period} report: {date}."),
    "portal.remind.msg.deadline_past": (
        "Batas waktu pengiriman laporan {period} ({date}) sudah lewat; mohon kirim secepatnya.",
        "The deadline for the {period} report ({date}) has passed; please send it as soon as possible."),
    "portal.remind.msg.period": ("Periode laporan: {period}.", "Reporting period: {period}."),
    "portal.remind.msg.link": (
        "Unduh templat, kirim laporan dan lihat hasil pemeriksaannya melalui tautan khusus {name} (jangan "
        "dibagikan):",
        "Download the template, upload the report and see its findings through {name}'s own link (do not share "
        "it):"),
    "portal.remind.msg.thanks": ("Terima kasih.", "Thank you."),
    "portal.remind.msg.signature": ("DKIS", "DKIS"),
    # ---- portal init ---------------------------------------------------------------------------------------
    "portal.remind.init.set": (
        "Pengingat e-mail lewat {host}:{port} ({security}) dari {sender}; pesan dalam {language}.",
        "Reminder e-mails through {host}:{port} ({security}) from {sender}; messages in {language}."),
    "portal.remind.init.links_only": (
        "Pengingat tanpa server SMTP: hanya tautan WhatsApp dan e-mail manual; pesan dalam {language}.",
        "Reminders without an SMTP server: WhatsApp and manual e-mail links only; messages in {language}."),
    "portal.remind.init.kept": (
        "Putaran {period} sudah ada: hanya pengaturan pengingat yang diubah. Jalankan ulang \"portal serve\" tidak "
        "perlu; pengaturan dibaca setiap kali pengingat dikirim.",
        "The round {period} exists already: only the reminder settings were changed. \"portal serve\" need not be "
        "restarted; the settings are read each time reminders are sent."),
    "portal.remind.init.every": ("--remind-every harus paling sedikit 1 menit.",
                                 "--remind-every must be at least 1 minute."),
    "portal.remind.init.no_host": (
        "--smtp-user, --smtp-password-*, dan --smtp-from hanya berlaku bersama --smtp-host (server SMTP kantor).",
        "--smtp-user, --smtp-password-* and --smtp-from only apply with --smtp-host (the office's SMTP server)."),
    "portal.remind.init.sender": (
        "--smtp-from \"{value}\" bukan satu alamat e-mail; tulis alamat pengirim, misalnya monev@denpasarkota.go.id.",
        "--smtp-from \"{value}\" is not one e-mail address; write the sender's address, e.g. monev@example.go.id."),
    "portal.remind.init.security": ("--smtp-security \"{value}\" tidak dikenal; pilih salah satu dari {known}.",
                                    "Unknown --smtp-security \"{value}\"; choose one of {known}."),
    "portal.remind.init.user_password": (
        "--smtp-user perlu sandinya: --smtp-password-file BERKAS atau --smtp-password-env NAMA (dan sebaliknya).",
        "--smtp-user needs its password: --smtp-password-file FILE or --smtp-password-env NAME (and the other way "
        "round)."),
    "portal.remind.init.two_passwords": (
        "Beri sandi SMTP dari satu sumber saja: --smtp-password-file atau --smtp-password-env.",
        "Give the SMTP password from one place only: --smtp-password-file or --smtp-password-env."),
    "portal.remind.init.clear": (
        "Sandi SMTP tidak dikirim tanpa enkripsi: dengan --smtp-user pakai --smtp-security starttls atau ssl.",
        "The SMTP password is not sent unencrypted: with --smtp-user use --smtp-security starttls or ssl."),
    "portal.remind.init.password_missing": ("Berkas sandi SMTP {file} tidak ada.",
                                            "The SMTP password file {file} does not exist."),
    "portal.remind.init.password_open": (
        "Berkas sandi SMTP {file} dapat dibaca orang lain (mode {mode}). Jalankan: chmod 600 {file}",
        "The SMTP password file {file} can be read by others (mode {mode}). Run: chmod 600 {file}"),
    "portal.remind.init.cafile": ("Sertifikat CA {file} tidak ada.", "The CA certificate {file} does not exist."),
    "help.smtp_host": ("Server SMTP kantor untuk e-mail pengingat (tanpa ini: hanya tautan WhatsApp dan e-mail "
                       "manual).",
                       "The office's SMTP server for reminder e-mails (without it: WhatsApp and manual e-mail links "
                       "only)."),
    "help.smtp_port": ("Port server SMTP (bawaan 587; 465 untuk ssl; 25 untuk none).",
                       "The SMTP server's port (default 587; 465 for ssl; 25 for none)."),
    "help.smtp_security": ("Pengamanan sambungan SMTP: starttls (bawaan), ssl, atau none (relai intranet tanpa "
                           "sandi).",
                           "How the SMTP connection is secured: starttls (default), ssl, or none (an intranet relay "
                           "without a password)."),
    "help.smtp_user": ("Pengguna SMTP.", "The SMTP user."),
    "help.smtp_password_file": ("Berkas berisi sandi SMTP, hanya dapat dibaca pemiliknya (chmod 600); dibaca saat "
                                "mengirim, tidak disalin.",
                                "A file holding the SMTP password, readable by its owner only (chmod 600); read when "
                                "sending, never copied."),
    "help.smtp_password_env": ("Nama variabel lingkungan \"portal serve\" yang berisi sandi SMTP.",
                               "The name of the environment variable of \"portal serve\" holding the SMTP "
                               "password."),
    "help.smtp_from": ("Alamat pengirim e-mail pengingat.", "The sender address of reminder e-mails."),
    "help.smtp_cafile": ("Sertifikat CA kantor yang menandatangani sertifikat server SMTP (bila bukan CA umum).",
                         "The office's CA certificate that signed the SMTP server's (when not a public CA)."),
    "help.remind_lang": ("Bahasa pesan pengingat untuk OPD (bawaan id).",
                         "The language of the reminders OPDs receive (default id)."),
    "help.remind_every": ("Menit paling sedikit antara dua e-mail pengingat ke satu OPD.",
                          "The fewest minutes between two reminder e-mails to one OPD."),
}
