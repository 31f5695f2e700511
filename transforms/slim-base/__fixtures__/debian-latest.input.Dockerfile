FROM debian:latest
CMD ["bash"]
