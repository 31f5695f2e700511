FROM debian:stable-slim
CMD ["bash"]
