// Drag and drop and a progress bar for the upload form, a confirmation before a link is replaced, and a
// button that copies the new link.
// Without this script every form posts as plain HTML; the page marks <html class="js"> when it runs, so the
// stylesheet shows the native file input only to browsers without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });

  // a copy button beside a link to pass on (it stays hidden without this script: the field can be selected)
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (b) {
    var field = document.getElementById(b.getAttribute("data-copy"));
    var said = b.parentNode.querySelector(".copied");
    if (!field || !said) { return; }
    b.hidden = false;
    b.addEventListener("click", function () {
      function done() { said.textContent = b.getAttribute("data-copied"); }
      function byHand() { field.focus(); field.select(); if (document.execCommand && document.execCommand("copy")) { done(); } }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, byHand);
      } else {
        byHand();
      }
    });
  });

  var form = document.getElementById("upload");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = document.getElementById("file");
  var drop = form.querySelector("label.drop");
  var chosen = document.getElementById("chosen");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var button = form.querySelector("button[type=submit]");
  var none = chosen.getAttribute("data-none") || "";

  function show() {
    chosen.textContent = input.files.length ? input.files[0].name : none;
    drop.classList.toggle("has-file", input.files.length > 0);
    text.textContent = "";
  }
  show();
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });

  form.addEventListener("submit", function (e) {
    if (!input.files.length) { return; }
    var max = parseInt(form.getAttribute("data-max"), 10);
    if (max && input.files[0].size > max) {
      e.preventDefault();
      text.textContent = form.getAttribute("data-too-large");
      return;
    }
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    form.classList.add("busy");
    text.textContent = form.getAttribute("data-sending");
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) { bar.value = Math.round(100 * ev.loaded / ev.total); }
    });
    xhr.upload.addEventListener("load", function () { bar.value = 100; text.textContent = form.getAttribute("data-checking"); });
    xhr.addEventListener("load", function () {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open(); document.write(xhr.responseText); document.close();
      }
    });
    xhr.addEventListener("error", function () { button.disabled = false; form.classList.remove("busy"); form.submit(); });
    xhr.send(new FormData(form));
  });
}());
