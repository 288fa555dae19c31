// Entry point: connect to the chain, offer the accounts, render the app.
import { render } from 'preact';
import { App } from './App';
import { chain, connect } from './chain/connection';
import { addDevAccounts } from './chain/accounts';
import { followEvents } from './chain/events';
import './styles.css';

render(<App />, document.getElementById('app')!);

void connect().then(() => {
  const c = chain.get();
  if (c.status !== 'ready' || !c.api) return;
  addDevAccounts();
  void followEvents(c.api);
  // the moment the app first showed live chain data (read by the browser test)
  (window as unknown as { __floorperpReadyAt?: number }).__floorperpReadyAt = performance.now();
});
