/**
 * Domain errors of the media service. The control API turns them into
 * `{ error: { code, message } }` with the status below; the signalling socket sends
 * `{ type: 'error', code, message }` and closes. Messages never contain tokens.
 */
export class MediaError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class RoomNotFoundError extends MediaError {
  constructor() {
    super('ROOM_NOT_FOUND', 404, 'There is no such room.');
  }
}

export class RoomExistsError extends MediaError {
  constructor() {
    super('ROOM_EXISTS', 409, 'A room with this id exists already.');
  }
}

export class RoomFullError extends MediaError {
  constructor() {
    super('ROOM_FULL', 409, 'The room has no place for another participant.');
  }
}

export class RoomClosedError extends MediaError {
  constructor() {
    super('ROOM_CLOSED', 409, 'The room has been closed.');
  }
}

/** A join token that is unknown, used before, expired, or meant for another room. */
export class TokenRefusedError extends MediaError {
  constructor() {
    super('TOKEN_REFUSED', 401, 'The join token is not valid for this room.');
  }
}

export class UnauthorizedError extends MediaError {
  constructor() {
    super('UNAUTHORIZED', 401, 'Missing or wrong media secret.');
  }
}

export class InvalidRequestError extends MediaError {
  constructor(message: string) {
    super('INVALID_REQUEST', 400, message);
  }
}

export class NotFoundError extends MediaError {
  constructor() {
    super('NOT_FOUND', 404, 'No such endpoint.');
  }
}

export class PayloadTooLargeError extends MediaError {
  constructor() {
    super('PAYLOAD_TOO_LARGE', 413, 'The request body is too large.');
  }
}
