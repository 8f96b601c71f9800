// Drag and drop and a progress bar for the upload form. Without this script the form posts as plain HTML.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = document.getElementById("file");
  var drop = form.querySelector("label.drop");
  var chosen = document.getElementById("chosen");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var button = form.querySelector("button[type=submit]");

  function show() { chosen.textContent = input.files.length ? input.files[0].name : ""; }
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
    button.disabled = true;
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
    xhr.addEventListener("error", function () { button.disabled = false; form.submit(); });
    xhr.send(new FormData(form));
  });
}());
