import {
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type BaseOptions,
  type Position,
  type StreamingRead,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';

/**
 * The EventStoreDB client, loaded only by the adapter that uses it (the gRPC stack takes a tenth of a
 * second to load, which every other user of `@ketnap/event-store` would pay).
 */
export function connect(connectionString: string): EventStoreDBClient {
  return EventStoreDBClient.connectionString(connectionString);
}

export interface FilteredReadOptions {
  fromPosition: Position | 'start' | 'end';
  direction: 'forwards' | 'backwards';
  maxCount: number;
  /** Stream name prefixes the server lets through. */
  prefixes: string[];
}

/**
 * A read of `$all` that the server filters by stream name prefix. The server takes a filter on a
 * read as on a subscription and returns up to `maxCount` events that pass it (reading past as many
 * as it must); client 6's `readAll` always sends "no filter", so this request is built here, with the
 * same messages its `readAll` and `subscribeToAll` use.
 */
export function filteredReadRequest(options: FilteredReadOptions): ReadReq {
  const all = new ReadReq.Options.AllOptions();
  if (options.fromPosition === 'start') all.setStart(new Empty());
  else if (options.fromPosition === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(options.fromPosition.commit.toString(10));
    position.setPreparePosition(options.fromPosition.prepare.toString(10));
    all.setPosition(position);
  }
  const expression = new ReadReq.Options.FilterOptions.Expression();
  expression.setPrefixList(options.prefixes);
  const filter = new ReadReq.Options.FilterOptions();
  filter.setStreamIdentifier(expression);
  filter.setCount(new Empty());
  filter.setCheckpointintervalmultiplier(1);
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  const settings = new ReadReq.Options();
  settings.setAll(all);
  settings.setResolveLinks(false);
  settings.setCount(String(options.maxCount));
  settings.setUuidOption(uuid);
  settings.setFilter(filter);
  settings.setReadDirection(
    options.direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS,
  );
  const request = new ReadReq();
  request.setOptions(settings);
  return request;
}

type GrpcRead = StreamsClient['read'];
type ReadCall = ReturnType<GrpcRead>;

/** The client's protected members a read goes through: its connection handling, credentials and deadlines. */
interface ClientInternals {
  GRPCStreamCreator(
    client: typeof StreamsClient,
    debugName: string,
    creator: (client: StreamsClient) => ReadCall,
  ): () => Promise<ReadCall>;
  callArguments(
    options: BaseOptions,
    callOptions?: Parameters<GrpcRead>[2],
  ): [NonNullable<Parameters<GrpcRead>[1]>, NonNullable<Parameters<GrpcRead>[2]>];
}

/** Sends a {@link filteredReadRequest} through the client's connection, as its `readAll` does. */
export function readAllFiltered(
  client: EventStoreDBClient,
  options: FilteredReadOptions,
): StreamingRead<AllStreamResolvedEvent> {
  const request = filteredReadRequest(options);
  const internals = client as unknown as ClientInternals;
  const createStream = internals.GRPCStreamCreator(StreamsClient, 'readAll', (grpc) =>
    grpc.read(request, ...internals.callArguments({}, { deadline: Infinity })),
  );
  return new ReadStream<AllStreamResolvedEvent>(createStream, convertGrpcEvent, {});
}
