import http from "node:http";

export type ApiResponse<T = unknown> = { status: number; body: T; ms: number };

// The API as the web app calls it: a session cookie, the app's Origin on every request, JSON bodies.
// node:http with a kept-alive connection adds the least of its own time to what is measured.
export class ApiClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  get sessionCookie(): string {
    if (!this.cookie) throw new Error("not signed in");
    return this.cookie;
  }

  // Connections the server dropped under a kept-alive GET, answered by sending it again as browsers do.
  resets = 0;

  // Times the request until the last byte of the answer; parsing the JSON is not counted.
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const started = performance.now();
    try {
      return await this.send<T>(method, path, body);
    } catch (error) {
      if (method !== "GET" || (error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
      this.resets += 1;
      const retried = await this.send<T>(method, path, body);
      return { ...retried, ms: performance.now() - started };
    }
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = http.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            origin: this.baseUrl,
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const ms = performance.now() - started;
            const setCookie = response.headers["set-cookie"]?.find((c) => c.startsWith("tw_session="));
            if (setCookie) this.cookie = setCookie.split(";")[0];
            const text = Buffer.concat(chunks).toString("utf8");
            const isJson = response.headers["content-type"]?.includes("application/json") ?? false;
            resolve({
              status: response.statusCode ?? 0,
              body: (isJson && text ? JSON.parse(text) : text) as T,
              ms,
            });
          });
        },
      );
      request.on("error", reject);
      if (payload !== undefined) request.write(payload);
      request.end();
    });
  }

  // Fails loudly on anything but the expected status, so a broken scenario never yields numbers.
  async expect<T = unknown>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const response = await this.request<T>(method, path, body);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path} answered ${response.status}, not ${status}: ${JSON.stringify(response.body).slice(0, 500)}`,
      );
    }
    return response;
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.expect(200, "POST", "/api/auth/login", { email, password });
    if (!this.cookie) throw new Error(`signing in as ${email} set no session cookie`);
  }

  // A multipart upload the way the browser sends a file with form fields.
  async upload<T>(
    path: string,
    file: { name: string; content: Buffer },
    fields: Record<string, string>,
  ): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(file.content)]), file.name);
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      headers: { origin: this.baseUrl, cookie: this.sessionCookie },
      body: form,
    });
    const body = (await response.json()) as T;
    if (response.status !== 202)
      throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  close(): void {
    this.agent.destroy();
  }
}
