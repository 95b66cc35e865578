// A filter that applies as soon as it changes (the form's own button stays for no-script use).
// A file, not an inline handler, so that the Content-Security-Policy (script-src 'self') holds.
document.querySelectorAll("[data-autosubmit]").forEach((field) => {
  field.addEventListener("change", () => field.form.submit());
});
