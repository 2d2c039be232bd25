// Entry of console.js (built by scripts/build-web.ts, served at /assets/console.js for /agent).
import './styles.css';
import { render } from 'preact';
import { App } from './components/App.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
