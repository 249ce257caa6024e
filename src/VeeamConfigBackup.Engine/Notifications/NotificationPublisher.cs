using System.Collections.Concurrent;

namespace VeeamConfigBackup.Engine.Notifications;

/// <summary>
/// Where the server's features and records hand their events: it stamps them with the server's origin and time,
/// dispatches them, and keeps what was not delivered for the host to show (a cmdlet writes each as a warning), since a
/// settings change is done whether or not a syslog server heard of it.
/// </summary>
public sealed class NotificationPublisher
{
    private readonly NotificationDispatcher _dispatcher;
    private readonly ConcurrentQueue<NotificationDelivery> _undelivered = new();

    internal NotificationPublisher(NotificationDispatcher dispatcher, EventOrigin origin, TimeProvider clock)
    {
        _dispatcher = dispatcher;
        Origin = origin;
        Clock = clock;
    }

    public EventOrigin Origin { get; }

    internal TimeProvider Clock { get; }

    /// <summary>Sends the event and returns every receiver's delivery, keeping nothing: for a caller that reports them itself (a run, in its result).</summary>
    public IReadOnlyList<NotificationDelivery> Deliver(NotificationEvent notification, NotificationRouting routing) => _dispatcher.Send(notification, routing);

    /// <summary>Sends the event; returns every receiver's delivery, and keeps the failed ones for <see cref="TakeUndelivered"/>.</summary>
    public IReadOnlyList<NotificationDelivery> Publish(NotificationEvent notification, NotificationRouting routing)
    {
        var deliveries = Deliver(notification, routing);
        foreach (var failed in deliveries.Where(d => !d.Delivered))
        {
            _undelivered.Enqueue(failed);
        }
        return deliveries;
    }

    /// <summary>Publishes an event made from this server's origin and the current time.</summary>
    public IReadOnlyList<NotificationDelivery> Publish(Func<EventOrigin, DateTimeOffset, NotificationEvent> make, NotificationRouting? routing = null) =>
        Publish(make(Origin, Clock.GetUtcNow()), routing ?? NotificationRouting.SyslogOnly);

    /// <summary>Every receiver, whatever the routing (Send-VBRTestNotification); nothing is kept for later.</summary>
    public IReadOnlyList<NotificationDelivery> SendTest() => _dispatcher.SendToAll(ProductEvents.Test(Origin, Clock.GetUtcNow()));

    /// <summary>The deliveries that failed since the last call, oldest first.</summary>
    public IReadOnlyList<NotificationDelivery> TakeUndelivered()
    {
        var taken = new List<NotificationDelivery>();
        while (_undelivered.TryDequeue(out var failed))
        {
            taken.Add(failed);
        }
        return taken;
    }
}
