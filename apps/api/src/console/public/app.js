import { showDashboard } from './dashboard.js';
import { h, show } from './dom.js';
import { DOSSIER_ROUTE, showDossier } from './dossier.js';
import { showDossiers } from './dossiers.js';
import { showInspection } from './inspection.js';
import { showLogin } from './login.js';
import { showReports } from './reports.js';
import { endSession, may, session } from './session.js';

const ROUTES = {
  '#/tong-quan': showDashboard,
  '#/ho-so': showDossiers,
  '#/thanh-tra': showInspection,
  '#/bao-cao': showReports,
};
const HOME = '#/tong-quan';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** Shows the page the location names: the sign-in page without a session, else the route's page. */
async function route() {
  const current = session();
  nav.hidden = !current;
  if (!current) {
    if (location.hash !== '#/dang-nhap') history.replaceState(null, '', '#/dang-nhap');
    return showLogin(main, () => {
      location.hash = HOME;
    });
  }
  const path = location.hash.split('?')[0];
  // A dossier's page is `#/ho-so/<id>`; the list's link stays the current one there.
  const dossier = path.startsWith(DOSSIER_ROUTE) && path.length > DOSSIER_ROUTE.length;
  const page = dossier ? showDossier : ROUTES[path];
  if (!page) {
    location.hash = HOME; // a hashchange shows it
    return;
  }
  document.getElementById('who').textContent = current.user.name || current.user.username;
  // A link the user's role may not follow is not offered (`data-needs`: any of these permissions).
  for (const link of nav.querySelectorAll('a[data-needs]')) link.hidden = !link.dataset.needs.split(' ').some(may);
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (link.dataset.route === (dossier ? '#/ho-so' : path)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    await page(main);
  } catch (error) {
    if (!session()) return route(); // the token was refused: the sign-in page
    show(main, h('h1', {}, 'Không tải được trang'), h('p', { role: 'alert' }, error.message));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  endSession();
  location.hash = '#/dang-nhap';
});
window.addEventListener('hashchange', () => void route());
void route();
