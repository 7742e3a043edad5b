package io.casty.client.protocol.codec;

import java.math.BigInteger;
import java.util.Arrays;

import io.casty.client.ActorAddress;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON exactly as Python's default {@code json.dumps} does: {@code ", "} and
 * {@code ": "} separators, every character outside printable ASCII escaped as a lowercase
 * {@code \\uXXXX}, floats in Python {@code repr} form, and the bare words {@code NaN},
 * {@code Infinity} and {@code -Infinity}.
 *
 * @since 0.1.0
 */
public final class PythonJsonWriter implements TreeWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** Each thread's writer, reused by {@link #of(ByteBuf)}. */
	private static final ThreadLocal<PythonJsonWriter> CURRENT = ThreadLocal.withInitial(PythonJsonWriter::new);

	private static final int SCRATCH_SIZE = 512;

	/** A reused writer whose scratch grew beyond this gets a new one when it finishes. */
	private static final int MAX_KEPT_SCRATCH = 64 * 1024;

	private ByteBuf out;

	/** The scratch the text is built in before one copy into the buffer. */
	private byte[] bytes;

	/** Whether a reused writer is taken ({@link #of}) and not finished or discarded yet. */
	private boolean busy;

	private int length;

	/** Per open container: whether the next element is its first. */
	private boolean[] first = new boolean[16];

	private int depth;

	/** Whether the next value follows a name (no separator before it). */
	private boolean afterName;

	/** The encoded recurring strings ({@link #recurringName}); only in the threads' reused writers. */
	private final @Nullable RecurringTexts recurring;

	/** The encoded starts of the URIs written last ({@link #uri}); only in the threads' reused writers. */
	private final @Nullable UriPrefixes uriPrefixes;

	/**
	 * Creates a writer; for many values in a row {@link #of(ByteBuf)} saves the allocation.
	 * @param out the buffer the text goes to
	 */
	public PythonJsonWriter(ByteBuf out) {
		this(out, false);
	}

	private PythonJsonWriter(ByteBuf out, boolean keepsRecurring) {
		this.out = out;
		this.bytes = new byte[SCRATCH_SIZE];
		this.recurring = keepsRecurring ? new RecurringTexts() : null;
		this.uriPrefixes = keepsRecurring ? new UriPrefixes() : null;
	}

	private PythonJsonWriter() {
		this(io.netty.buffer.Unpooled.EMPTY_BUFFER, true);
	}

	/**
	 * This thread's writer, reset to write one root value to {@code out}: call
	 * {@link #finish()} (or {@link #discard()} after a failure) when done, then do not use it
	 * again. While it is taken (a value written from within another's writing) a new writer
	 * is returned.
	 * @param out the buffer the text goes to
	 * @return the writer
	 */
	public static PythonJsonWriter of(ByteBuf out) {
		PythonJsonWriter writer = CURRENT.get();
		if (writer.busy) {
			return new PythonJsonWriter(out);
		}
		writer.busy = true;
		writer.out = out;
		writer.length = 0;
		writer.depth = 0;
		writer.afterName = false;
		return writer;
	}

	private void put(int b) {
		if (this.length == this.bytes.length) {
			grow(1);
		}
		this.bytes[this.length++] = (byte) b;
	}

	private void put(int a, int b) {
		if (this.length + 2 > this.bytes.length) {
			grow(2);
		}
		this.bytes[this.length++] = (byte) a;
		this.bytes[this.length++] = (byte) b;
	}

	private void grow(int needed) {
		this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + needed));
	}

	/** Copies the text of a finished root value into the buffer. */
	private void flushIfRootDone() {
		if (this.depth == 0 && !this.afterName) {
			this.out.writeBytes(this.bytes, 0, this.length);
			this.length = 0;
		}
	}

	@Override
	public void finish() {
		if (this.length > 0) {
			this.out.writeBytes(this.bytes, 0, this.length);
			this.length = 0;
		}
		giveBack();
	}

	@Override
	public void discard() {
		this.length = 0;
		giveBack();
	}

	private void giveBack() {
		if (this.busy) {
			this.busy = false;
			this.out = io.netty.buffer.Unpooled.EMPTY_BUFFER;
			if (this.bytes.length > MAX_KEPT_SCRATCH) {
				this.bytes = new byte[SCRATCH_SIZE];
			}
		}
	}

	private void beforeValue() {
		if (this.afterName) {
			this.afterName = false;
			return;
		}
		if (this.depth > 0) {
			if (this.first[this.depth]) {
				this.first[this.depth] = false;
			}
			else {
				put(',', ' ');
			}
		}
	}

	private void push() {
		this.depth++;
		if (this.depth == this.first.length) {
			this.first = Arrays.copyOf(this.first, this.depth * 2);
		}
		this.first[this.depth] = true;
	}

	@Override
	public void beginObject(int size) {
		beforeValue();
		put('{');
		push();
	}

	@Override
	public void name(String name) {
		beforeValue();
		writeString(name);
		nameWritten();
	}

	@Override
	public void recurringName(String name) {
		beforeValue();
		writeRecurring(name);
		nameWritten();
	}

	private void nameWritten() {
		put(':', ' ');
		this.afterName = true;
	}

	@Override
	public void recurringString(String value) {
		beforeValue();
		writeRecurring(value);
		flushIfRootDone();
	}

	/**
	 * Writes a recurring string quoted and escaped, copying the bytes {@link RecurringTexts} kept
	 * for it when this string object was written before.
	 */
	private void writeRecurring(String s) {
		RecurringTexts kept = this.recurring;
		byte[] text = (kept != null) ? kept.get(s) : null;
		if (text == null) {
			int start = this.length;
			writeString(s);
			if (kept != null) {
				kept.keep(s, this.bytes, start, this.length);
			}
			return;
		}
		if (this.length + text.length > this.bytes.length) {
			grow(text.length);
		}
		System.arraycopy(text, 0, this.bytes, this.length, text.length);
		this.length += text.length;
	}
	@Override
	public void endObject() {
		this.depth--;
		put('}');
		flushIfRootDone();
	}

	@Override
	public void beginArray(int size) {
		beforeValue();
		put('[');
		push();
	}

	@Override
	public void endArray() {
		this.depth--;
		put(']');
		flushIfRootDone();
	}

	@Override
	public void string(String value) {
		beforeValue();
		writeString(value);
		flushIfRootDone();
	}

	/**
	 * Writes the URI's parts escaped one after another, in the form of
	 * {@link ActorAddress#toUri()} (tested against it): escaping goes char by char, so this
	 * is the whole URI escaped, without building its string. A reused writer copies the
	 * start up to the port from {@link UriPrefixes} when it wrote the same one lately.
	 */
	@Override
	public void uri(ActorAddress address) {
		beforeValue();
		String system = address.system();
		String host = address.host();
		int port = address.port();
		UriPrefixes kept = this.uriPrefixes;
		int slot = (kept != null) ? kept.find(system, host, port) : -1;
		if (kept != null && slot >= 0) {
			int n = kept.length(slot);
			if (this.length + n > this.bytes.length) {
				grow(n);
			}
			System.arraycopy(kept.text(slot), 0, this.bytes, this.length, n);
			this.length += n;
		}
		else {
			int start = this.length;
			writeUriPrefix(system, host, port);
			if (kept != null) {
				kept.keep(system, host, port, this.bytes, start, this.length);
			}
		}
		writeEscaped(address.path());
		put('"');
		flushIfRootDone();
	}

	private void writeUriPrefix(String system, @Nullable String host, int port) {
		put('"');
		writeAscii("casty://");
		writeEscaped(system);
		if (host != null) {
			put('@');
			writeEscaped(host);
			put(':');
			for (int unit = (port >= 10000) ? 10000 : (port >= 1000) ? 1000 : (port >= 100) ? 100 : (port >= 10) ? 10 : 1;
					unit > 0; unit /= 10) {
				put('0' + port / unit % 10);
			}
		}
	}

	@Override
	public void integer(long value) {
		beforeValue();
		writeDecimal(value);
		flushIfRootDone();
	}

	@Override
	public void integer(BigInteger value) {
		beforeValue();
		writeAscii(value.toString());
		flushIfRootDone();
	}

	@Override
	public void floating(double value) {
		beforeValue();
		writeAscii(pythonRepr(value));
		flushIfRootDone();
	}

	@Override
	public void bool(boolean value) {
		beforeValue();
		writeAscii(value ? "true" : "false");
		flushIfRootDone();
	}

	@Override
	public void nul() {
		beforeValue();
		writeAscii("null");
		flushIfRootDone();
	}

	private void writeAscii(String s) {
		int n = s.length();
		if (this.length + n > this.bytes.length) {
			grow(n);
		}
		for (int i = 0; i < n; i++) {
			this.bytes[this.length++] = (byte) s.charAt(i);
		}
	}

	/** Writes a long's decimal digits, as {@code Long.toString} gives them, without a string. */
	private void writeDecimal(long value) {
		if (value == Long.MIN_VALUE) {
			writeAscii(Long.toString(value));
			return;
		}
		if (this.length + 20 > this.bytes.length) {
			grow(20);
		}
		byte[] b = this.bytes;
		long v = value;
		if (v < 0) {
			b[this.length++] = '-';
			v = -v;
		}
		int digits = 1;
		for (long rest = v / 10; rest != 0; rest /= 10) {
			digits++;
		}
		int at = this.length + digits;
		this.length = at;
		do {
			b[--at] = (byte) ('0' + (int) (v % 10));
			v /= 10;
		}
		while (v != 0);
	}

	private void writeString(String s) {
		put('"');
		writeEscaped(s);
		put('"');
	}

	private void writeEscaped(String s) {
		int n = s.length();
		// Worst case: every char escaped as a six-byte unicode escape.
		if (this.length + 6 * n > this.bytes.length) {
			grow(6 * n);
		}
		byte[] b = this.bytes;
		int at = this.length;
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				if (c == '"' || c == '\\') {
					b[at++] = '\\';
				}
				b[at++] = (byte) c;
				continue;
			}
			b[at++] = '\\';
			switch (c) {
				case '\n' -> b[at++] = 'n';
				case '\r' -> b[at++] = 'r';
				case '\t' -> b[at++] = 't';
				case '\b' -> b[at++] = 'b';
				case '\f' -> b[at++] = 'f';
				default -> {
					b[at++] = 'u';
					b[at++] = HEX[(c >> 12) & 0xf];
					b[at++] = HEX[(c >> 8) & 0xf];
					b[at++] = HEX[(c >> 4) & 0xf];
					b[at++] = HEX[c & 0xf];
				}
			}
		}
		this.length = at;
	}

	/**
	 * Formats a double as Python's {@code repr(float)}: the shortest digits that round-trip,
	 * positional notation for decimal exponents from -4 to 15 (with a trailing {@code .0} for
	 * integral values), scientific otherwise ({@code 1e-05}, {@code 1.5e+16}).
	 * @param value the value
	 * @return the text Python would write
	 */
	public static String pythonRepr(double value) {
		return PythonFloats.repr(value);
	}

}
