// Small progressive enhancements; every page works without this file.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Ask before actions that cannot be undone from the page (disable an account, revoke a role).
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (ev) => {
      if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
    });
  }
});
