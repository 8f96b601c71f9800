"""Evidence files and their pack (issue 19): why a file is refused, the intake page's evidence pages, the pack's
index workbook, ``spbe-excel evidence pack``."""

_ACCEPTED = ("PDF, gambar (PNG, JPEG, GIF, TIFF, WebP) atau dokumen Office (Word, Excel, PowerPoint, OpenDocument)",
             "a PDF, an image (PNG, JPEG, GIF, TIFF, WebP) or an office document (Word, Excel, PowerPoint, "
             "OpenDocument)")

TEXTS: dict[str, tuple[str, str]] = {
    # ---- what a file is ------------------------------------------------------------------------------------
    "evidence.what.workbook": ("buku kerja", "a workbook"),
    "evidence.what.odf_text": ("dokumen teks OpenDocument", "an OpenDocument text"),
    "evidence.what.odf_slides": ("presentasi OpenDocument", "an OpenDocument presentation"),
    "evidence.what.svg": ("gambar SVG (dapat memuat skrip)", "an SVG drawing (it may carry script)"),
    "evidence.accepted": _ACCEPTED,
    # ---- why a file is refused -----------------------------------------------------------------------------
    "evidence.refused.empty": ("Berkas kosong (0 bita): pilih berkasnya lagi.",
                               "The file is empty (0 bytes): choose the file again."),
    "evidence.refused.too_large": (
        "Berkas lebih besar dari {mb} MB. Kecilkan (misalnya pindai ulang dengan resolusi lebih rendah, atau "
        "pisahkan per bagian) lalu kirim lagi.",
        "The file is larger than {mb} MB. Make it smaller (scan again at a lower resolution, or split it) and "
        "send it again."),
    "evidence.refused.disguised": (
        "Berkas bernama {suffix} tetapi isinya {what}. Kirim dokumen aslinya: " + _ACCEPTED[0] + ".",
        "The file is named {suffix} but holds {what}. Send the document itself: " + _ACCEPTED[1] + "."),
    "evidence.refused.kind": (
        "Isinya {what}, yang tidak diterima sebagai bukti dukung. Kirim " + _ACCEPTED[0] + ".",
        "It holds {what}, which is not accepted as evidence. Send " + _ACCEPTED[1] + "."),
    "evidence.refused.script": (
        "Isinya {what}: berkas seperti ini dapat menjalankan skrip dan tidak diterima. Simpan atau cetak sebagai "
        "PDF, lalu kirim PDF-nya.",
        "It holds {what}: such a file can run script and is not accepted. Save or print it as a PDF and send the "
        "PDF."),
    "evidence.refused.damaged": (
        "Berkas ini tampak seperti {what} tetapi rusak atau terpotong. Simpan ulang dari aplikasinya lalu kirim "
        "lagi.",
        "The file looks like {what} but is damaged or cut short. Save it again from its application and send it "
        "again."),
    "evidence.refused.members": (
        "Dokumen Office ini terdiri dari {n} bagian, lebih dari {most} yang diterima. Simpan sebagai PDF lalu "
        "kirim PDF-nya.",
        "This office document is made of {n} parts, more than the {most} accepted. Save it as a PDF and send "
        "the PDF."),
    "evidence.refused.bomb": (
        "Dokumen Office ini mengembang menjadi sangat besar saat dibuka (kemungkinan berkas berbahaya) dan tidak "
        "diterima. Simpan sebagai PDF lalu kirim PDF-nya.",
        "This office document expands to a huge size when opened (possibly a hostile file) and is not accepted. "
        "Save it as a PDF and send the PDF."),
    "evidence.refused.encrypted": (
        "Berkas dilindungi kata sandi, sehingga penilai tidak dapat membukanya. Simpan tanpa kata sandi lalu "
        "kirim lagi.",
        "The file is password-protected, so evaluators cannot open it. Save it without a password and send it "
        "again."),
    "evidence.refused.macros": (
        "Dokumen ini memuat makro, yang tidak diterima. Simpan sebagai dokumen tanpa makro (.docx, .xlsx, .pptx) "
        "atau sebagai PDF, lalu kirim lagi.",
        "The document holds macros, which are not accepted. Save it without macros (.docx, .xlsx, .pptx) or as a "
        "PDF, and send it again."),
    "evidence.refused.no_title": (
        "Tulis judul dokumen (misalnya \"Peraturan Wali Kota tentang Arsitektur SPBE\").",
        "Write the document's title (for example \"Mayor's Regulation on the SPBE Architecture\")."),
    "evidence.refused.long": (
        "{field} terlalu panjang ({n} karakter; paling banyak {most}). Singkatkan lalu kirim lagi.",
        "The {field} is too long ({n} characters; at most {most}). Shorten it and send it again."),
    "evidence.refused.control": (
        "{field} memuat karakter kendali tak terlihat (misalnya yang membalik arah teks), sehingga tampil lain "
        "dari isinya. Ketik ulang tanpa menyalin-tempel lalu kirim lagi.",
        "The {field} holds invisible control characters (such as one that turns the text around), so it shows "
        "otherwise than it reads. Type it again rather than pasting it, and send it again."),
    "evidence.refused.action": (
        "Aksi {action} bukan aksi {opd} dalam rencana: pilih aksi dari daftar di halaman ini.",
        "Action {action} is not one of {opd}'s actions in the plan: choose an action from the list on this page."),
    "evidence.refused.per_action": (
        "Aksi {action} sudah memuat {most} berkas, batasnya. Tarik atau ganti berkas yang tidak diperlukan.",
        "Action {action} holds {most} file{most|s} already, the most it may. Withdraw or replace a file you do not "
        "need."),
    "evidence.refused.per_round": (
        "{opd} sudah melampirkan {most} berkas pada periode {period}, batasnya. Hubungi DKIS bila masih perlu.",
        "{opd} has attached {most} file{most|s} in {period}, the most it may. Contact DKIS if you still need to."),
    "evidence.refused.gone": (
        "Berkas itu sudah diganti atau ditarik sebelumnya; daftar di bawah menunjukkan yang berlaku sekarang.",
        "That file was replaced or withdrawn already; the list below shows what holds now."),
    "evidence.field.number": ("Nomor dokumen", "document number"),
    "evidence.field.title": ("Judul dokumen", "document title"),
    # ---- the OPD's evidence page ---------------------------------------------------------------------------
    "evidence.page.title": ("{code}: bukti dukung", "{code}: evidence"),
    "evidence.page.heading": ("Bukti dukung", "Evidence"),
    "evidence.page.intro": (
        "Lampirkan dokumen pendukung untuk setiap aksi: PDF, gambar atau dokumen Office, masing-masing paling "
        "besar {mb} MB, dikenali dari isinya. Berkas tetap melekat pada aksinya untuk kiriman lembar berikutnya, "
        "sampai Anda mengganti atau menariknya. DKIS memeriksa setiap klaim (status Selesai atau level di atas "
        "baseline) dengan bukti ini sebelum penilaian.",
        "Attach the supporting documents of each action: a PDF, an image or an office document of at most {mb} MB "
        "each, recognised by its content. A file stays with its action for your later uploads of the sheet, until "
        "you replace or withdraw it. DKIS checks each claim (a status Selesai, or a level above the baseline) "
        "against this evidence before the evaluation."),
    "evidence.page.back": ("Kembali ke halaman laporan", "Back to the report page"),
    "evidence.page.open": ("Buka halaman bukti dukung", "Open the evidence page"),
    "evidence.page.step": ("3. Lampirkan bukti dukung", "3. Attach the evidence"),
    "evidence.page.step_text": (
        "{files} berkas bukti dukung terlampir pada {actions} dari {total} aksi.",
        "{files} evidence file{files|s} attached to {actions} of {total} action{total|s}."),
    "evidence.page.action": ("Aksi {action}", "Action {action}"),
    "evidence.page.indicator": ("Indikator {no}: {name}", "Indicator {no}: {name}"),
    "evidence.page.reported": ("Dilaporkan: {what}", "Reported: {what}"),
    "evidence.page.not_reported": ("Belum dilaporkan dalam kiriman yang dihitung.",
                                   "Not reported in the counted upload."),
    "evidence.page.level": ("level {level} (baseline {baseline})", "level {level} (baseline {baseline})"),
    "evidence.page.claim": ("klaim", "claim"),
    "evidence.page.none": ("Belum ada berkas.", "No file yet."),
    "evidence.page.attach": ("Lampirkan berkas", "Attach a file"),
    "evidence.page.attach_to": ("Lampirkan berkas pada aksi {action}", "Attach a file to action {action}"),
    "evidence.page.number_hint": ("boleh kosong bila dokumen tidak bernomor", "may stay empty for an unnumbered "
                                  "document"),
    "evidence.page.file": ("Berkas (paling besar {mb} MB)", "File (at most {mb} MB)"),
    "evidence.page.send": ("Lampirkan", "Attach"),
    "evidence.page.replace": ("Ganti", "Replace"),
    "evidence.page.replace_named": ("Ganti berkas {file}", "Replace the file {file}"),
    "evidence.page.replace_send": ("Ganti berkas", "Replace the file"),
    "evidence.page.withdraw": ("Tarik", "Withdraw"),
    "evidence.page.withdraw_named": ("Tarik berkas {file}", "Withdraw the file {file}"),
    "evidence.page.withdraw_confirm": (
        "Tarik berkas {file} dari aksi {action}? Verifikasi DKIS atas klaim ini akan batal.",
        "Withdraw the file {file} from action {action}? DKIS's verification of this claim will be undone."),
    "evidence.page.download": ("Unduh", "Download"),
    "evidence.page.download_named": ("Unduh {file}", "Download {file}"),
    "evidence.page.added": ("Terlampir {file} pada aksi {action}.", "Attached {file} to action {action}."),
    "evidence.page.replaced": ("Berkas pada aksi {action} diganti dengan {file}.",
                               "The file of action {action} was replaced by {file}."),
    "evidence.page.withdrawn": ("Berkas {file} ditarik dari aksi {action}.",
                                "The file {file} was withdrawn from action {action}."),
    "evidence.page.closed": ("Periode ditutup: bukti dukung tidak dapat diubah lagi.",
                             "The period is closed: the evidence can no longer be changed."),
    "evidence.col.document": ("Dokumen", "Document"),
    "evidence.col.file": ("Berkas", "File"),
    "evidence.col.added": ("Dilampirkan", "Attached"),
    "evidence.col.sha": ("SHA-256", "SHA-256"),
    "evidence.col.do": ("Tindakan", "Actions"),
    # ---- DKIS's pages --------------------------------------------------------------------------------------
    "evidence.admin.heading": ("Bukti dukung per aksi", "Evidence by action"),
    "evidence.admin.none": ("{code} belum melampirkan bukti dukung.", "{code} has attached no evidence yet."),
    "evidence.admin.pack": ("Paket bukti dukung (.zip)", "Evidence pack (.zip)"),
    # ---- DKIS verifies, the OPD sees it (the intake page) ------------------------------------------------------
    "portal.admin.index_ver": ("Indeks SPBE terverifikasi", "SPBE index, verified"),
    "portal.admin.index_base_means": ("tingkat hasil evaluasi terakhir", "the levels of the last evaluation"),
    "portal.admin.index_est_means": ("dari klaim OPD yang dihitung", "from the OPDs' claims that count"),
    "portal.admin.index_ver_means": (
        "hanya tingkat yang ditandai Sesuai oleh DKIS ({verified} dari {claims} klaim)",
        "only the levels DKIS marked Verified ({verified} of {claims} claim{claims|s})"),
    "verify.admin.heading": ("Verifikasi klaim", "Verifying the claims"),
    "verify.admin.intro": (
        "Klaim adalah baris berstatus Selesai atau dengan tingkat di atas nilai awal. Periksa bukti dukungnya, lalu "
        "tandai Sesuai atau Perlu perbaikan (dengan catatan untuk OPD). Verifikasi berlaku selama OPD tidak mengubah "
        "status, tingkat atau bukti dukung baris itu.",
        "A claim is a row reported Completed or with a level above the baseline. Check its evidence, then mark it "
        "Verified or Needs correction (with a note for the OPD). A verification holds while the OPD does not change "
        "the row's status, level or evidence."),
    "verify.admin.none": ("Kiriman {code} yang dihitung tidak memuat klaim untuk diverifikasi.",
                          "{code}'s counted upload holds no claim to verify."),
    "verify.admin.done": ("Verifikasi aksi {action} tersimpan.", "The verification of action {action} was saved."),
    "verify.admin.cell": ("Isian Bukti Dukung", "Supporting Evidence cell"),
    "verify.admin.no_files": ("Belum ada berkas bukti dukung untuk aksi ini.", "No evidence file for this action "
                              "yet."),
    "verify.admin.uploads": ("Kiriman", "Uploads"),
    "verify.state.verified": ("Sesuai", "Verified"),
    "verify.state.needs_correction": ("Perlu perbaikan", "Needs correction"),
    "verify.state.changed": ("Belum diverifikasi lagi", "Unverified again"),
    "verify.state.open": ("Belum diverifikasi", "Not verified yet"),
    "verify.given": ("{verdict} oleh {by}, {at}", "{verdict} by {by}, {at}"),
    "verify.by_at": ("{by}, {at}", "{by}, {at}"),
    "verify.changed": (
        "OPD mengubah {changed} sejak verifikasi terakhir: klaim ini perlu diperiksa lagi.",
        "The OPD changed the {changed} since the last verification: the claim needs checking again."),
    "verify.field.verdict": ("Verifikasi klaim aksi {action}", "Verification of the claim of action {action}"),
    "verify.field.note": ("Catatan untuk OPD", "Note for the OPD"),
    "verify.field.note_hint": ("wajib bila Perlu perbaikan", "required for Needs correction"),
    "verify.field.by": ("Diperiksa oleh", "Checked by"),
    "verify.send": ("Simpan verifikasi", "Save the verification"),
    "verify.refused.verdict": ("Pilih Sesuai atau Perlu perbaikan.", "Choose Verified or Needs correction."),
    "verify.refused.no_note": (
        "Tulis catatan untuk OPD: apa yang perlu diperbaiki.", "Write a note for the OPD: what needs correcting."),
    "verify.refused.long": ("{field} terlalu panjang ({n} karakter, paling banyak {most}).",
                            "{field} is too long ({n} characters, at most {most})."),
    "verify.refused.control": ("{field} memuat karakter kendali; tulis ulang tanpa karakter itu.",
                               "{field} holds control characters; write it again without them."),
    "verify.refused.no_claim": (
        "Aksi {action} bukan klaim dalam kiriman {opd} yang dihitung (lagi). Muat ulang halaman ini.",
        "Action {action} is not a claim of {opd}'s counted upload (any more). Reload this page."),
    "verify.refused.changed": (
        "{opd} mengubah baris atau berkas bukti dukung aksi {action} sejak halaman ini dibuka. Periksa lagi apa yang "
        "sekarang dilaporkan, lalu simpan verifikasinya.",
        "{opd} changed the row or the evidence files of action {action} since this page was opened. Check what is "
        "reported now, then save the verification."),
    "verify.opd.heading": ("3. Bukti dukung dan verifikasi DKIS", "3. Evidence and DKIS's verification"),
    "verify.opd.files": ("{files} berkas bukti dukung terlampir untuk {total} aksi Anda.",
                         "{files} evidence file{files|s} attached for your {total} action{total|s}."),
    "verify.opd.returned": ("Dikembalikan DKIS ({n} klaim)", "Returned by DKIS ({n} claim{n|s})"),
    "verify.opd.fix": (
        "Perbaiki sesuai catatan DKIS: ganti berkas bukti dukung, atau perbaiki barisnya dan kirim lagi. Klaim "
        "kembali diperiksa DKIS setelah Anda mengubahnya.",
        "Correct it as DKIS's note says: replace the evidence file, or correct the row and send it again. DKIS "
        "checks the claim again once you change it."),
    "verify.opd.open": ("Lampirkan atau lihat bukti dukung", "Attach or see the evidence"),
    # ---- the pack ------------------------------------------------------------------------------------------
    "evidence.pack.index_file": ("00 Indeks bukti dukung", "00 Evidence index"),
    "evidence.pack.sheet": ("Indeks", "Index"),
    "evidence.pack.title": ("Bukti dukung {institution}: {period}", "Evidence of {institution}: {period}"),
    "evidence.pack.open": ("Buka berkas di dalam paket", "Open the file inside the pack"),
    "evidence.pack.col.no": ("No", "No"),
    "evidence.pack.col.indicator": ("Indikator", "Indicator"),
    "evidence.pack.col.action": ("Aksi", "Action"),
    "evidence.pack.col.opd": ("OPD", "OPD"),
    "evidence.pack.col.number": ("Nomor Dokumen", "Document Number"),
    "evidence.pack.col.title": ("Judul Dokumen", "Document Title"),
    "evidence.pack.col.file": ("Berkas", "File"),
    "evidence.pack.col.sha256": ("SHA-256", "SHA-256"),
    "evidence.pack.col.size": ("Ukuran (bita)", "Size (bytes)"),
    "evidence.pack.col.added": ("Dilampirkan", "Attached"),
    "evidence.pack.col.verdict": ("Verifikasi", "Verification"),
    "evidence.pack.col.by": ("Diverifikasi oleh", "Verified by"),
    "evidence.verdict.none": ("Belum diverifikasi", "Not verified"),
    "evidence.verdict.verified": ("Sesuai", "Verified"),
    "evidence.verdict.needs_correction": ("Perlu perbaikan", "Needs correction"),
    # ---- spbe-excel evidence pack --------------------------------------------------------------------------
    "help.evidence": ("Bukti dukung yang dilampirkan OPD di halaman portal.",
                      "The evidence OPDs attached on the intake page."),
    "help.evidence_pack": (
        "Tulis paket bukti dukung dari penyimpanan portal DIR: satu zip berisi folder per indikator dengan berkas "
        "bukti aksi-aksinya, dan buku kerja indeks.",
        "Write the evidence pack of the portal store DIR: one zip with a folder per indicator holding the evidence "
        "of its actions, and an index workbook."),
    "help.pack_output": ("Berkas zip yang ditulis.", "The zip file to write."),
    "evidence.cli.written": (
        "Paket bukti dukung ditulis ke {path}: {files} berkas dalam {folders} folder indikator, dengan indeks "
        "{index}.",
        "Evidence pack written to {path}: {files} file{files|s} in {folders} indicator folder{folders|s}, with "
        "the index {index}."),
}
