FROM debian:12
RUN echo a # say a
RUN echo b
RUN sleep 10 &
RUN echo c
