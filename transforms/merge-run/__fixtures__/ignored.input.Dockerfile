FROM debian:12
RUN echo a
# hadolint ignore=DL3059
RUN echo b
RUN echo c
# slimify-ignore merge-run -- kept apart on purpose
RUN echo d
