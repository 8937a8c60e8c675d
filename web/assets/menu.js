// The staff menu's groups are <details>: they open and close without this script. With it, one
// group is open at a time, and a click elsewhere or Escape closes it (focus back on its summary).
(() => {
  const groups = document.querySelectorAll('.staff-menu details');
  const closeAll = (except) => groups.forEach((d) => { if (d !== except) d.open = false; });
  groups.forEach((d) => d.addEventListener('toggle', () => { if (d.open) closeAll(d); }));
  document.addEventListener('click', (e) => { if (!e.target.closest('.staff-menu details')) closeAll(null); });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = document.querySelector('.staff-menu details[open]');
    if (!open) return;
    open.open = false;
    open.querySelector('summary').focus();
  });
})();
