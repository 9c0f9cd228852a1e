/* What other features use of the alliance: the network's figures today, on the ministry's home page. */
export { NetworkToday } from './components/network-today.tsx';
