/**
 * Scale-out of one audit across WildFly nodes on JBeret's partition SPI and Jakarta Messaging (Artemis): a run
 * started with {@code "distributed": true} sends each partition of its generate and score steps to a queue that
 * every node's {@link org.flamesaudit.cluster.PartitionWorkers} takes from; the node that started the run collects
 * the finished partitions and carries on with the job. Every node shares the database (and so JBeret's job
 * repository), and one broker. Runs not asking for it keep JBeret's own thread partitions.
 */
package org.flamesaudit.cluster;
