FROM fedora:40
RUN dnf -y install nodejs && dnf clean all
WORKDIR /app
CMD ["npm", "start"]
