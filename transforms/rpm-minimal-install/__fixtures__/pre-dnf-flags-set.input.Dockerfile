FROM centos:7
RUN dnf -y install --setopt=install_weak_deps=False --setopt=tsflags=nodocs git && dnf clean all
