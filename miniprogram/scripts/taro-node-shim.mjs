// Just enough of @tarojs/taro for running services/realtime.ts under Node: storage in memory and
// connectSocket over the `ws` package, resolving its SocketTask asynchronously like WeChat does.
import WebSocket from 'ws';

const storage = new Map();
export const sockets = [];

const Taro = {
  getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
  setStorageSync: (k, v) => void storage.set(k, v),
  removeStorageSync: (k) => void storage.delete(k),
  request: () => Promise.reject(new Error('request is not shimmed')),
  connectSocket({ url }) {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const task = {
      onOpen: (cb) => ws.on('open', () => cb({ header: {} })),
      onMessage: (cb) => ws.on('message', (data, isBinary) => cb({ data: isBinary ? data : data.toString() })),
      onClose: (cb) => ws.on('close', (code, reason) => cb({ code, reason: String(reason) })),
      onError: (cb) => ws.on('error', (e) => cb({ errMsg: e.message })),
      send: ({ data }) => ws.send(data),
      close: () => ws.close(),
    };
    sockets.push({ url, ws });
    return new Promise((resolve) => setTimeout(() => resolve(task), 0));
  },
};
export default Taro;
