import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './ipc/connect';
import { startIpcBridge } from './state/ipc_bridge';
import { useAppStore } from './state/store';
import { App } from './shell/App';
import './styles.css';

const connection = connect(
  (connectionState) => useAppStore.setState({ connection: connectionState }),
  (problem) => useAppStore.setState({ problem }),
);
const stopBridge = startIpcBridge(connection.client);
addEventListener('pagehide', stopBridge);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
