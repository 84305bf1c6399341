import Taro from '@tarojs/taro';
import { WebSocket as EngineWebSocket } from 'socket.io-client';

type Data = string | ArrayBuffer;

/**
 * A WebSocket-shaped wrapper over Taro.connectSocket, driven by engine.io's websocket transport.
 * WeChat has no global WebSocket, and Taro.connectSocket hands out its SocketTask asynchronously,
 * so writes made before the task is open are queued.
 */
class TaroSocket {
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onmessage: ((ev: { data: Data }) => void) | null = null;
  onerror: ((err: unknown) => void) | null = null;
  private task: Taro.SocketTask | null = null;
  private open = false;
  private closed = false;
  private queue: Data[] = [];

  constructor(url: string, protocols?: string | string[]) {
    Taro.connectSocket({ url, protocols: typeof protocols === 'string' ? [protocols] : protocols }).then(
      (task) => {
        if (this.closed) {
          task.close({});
          return;
        }
        this.task = task;
        task.onOpen(() => {
          this.open = true;
          const pending = this.queue.splice(0);
          pending.forEach((data) => task.send({ data }));
          this.onopen?.();
        });
        task.onMessage((res) => this.onmessage?.({ data: res.data as Data }));
        task.onError((err) => this.onerror?.(err));
        task.onClose((res) => {
          this.open = false;
          this.onclose?.({ code: res.code, reason: res.reason });
        });
      },
      (err) => {
        this.onerror?.(err);
        this.onclose?.({ code: 1006, reason: 'connectSocket failed' });
      },
    );
  }

  send(data: Data) {
    if (this.task && this.open) this.task.send({ data });
    else if (!this.closed) this.queue.push(data);
  }

  close() {
    this.closed = true;
    this.queue = [];
    this.task?.close({});
  }
}

/** engine.io transport named "websocket" whose socket is a Taro SocketTask; pass it as `transports: [TaroWebSocketTransport]`. */
export class TaroWebSocketTransport extends EngineWebSocket {
  override createSocket(uri: string, protocols: string | string[] | undefined): TaroSocket {
    return new TaroSocket(uri, protocols);
  }

  override doWrite(_packet: unknown, data: Data) {
    (this.ws as TaroSocket).send(data);
  }
}
