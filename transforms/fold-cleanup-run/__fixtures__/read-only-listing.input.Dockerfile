FROM debian:12
RUN ls -la /tmp && cat /tmp/notes.txt
RUN rm -rf /tmp/*
